// The notifications module as other modules and app.ts see it; nothing outside imports its files directly.
export { notices, notify } from './notices';
export { notificationRoutes } from './notifications.routes';
export { createNotificationsService, type NotificationsService } from './notifications.service';
