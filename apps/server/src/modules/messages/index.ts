// The messages module as app.ts sees it: reminders, announcements, mail about events, preferences.
export { type AnnouncementsService, createAnnouncementsService } from './announcements.service';
export { defineMessageJobs, MESSAGE_JOBS } from './messages.jobs';
export { messageRoutes } from './messages.routes';
export { createMessaging } from './messaging';
export { createPreferencesService, type PreferencesService } from './preferences.service';
export { createUnsubscribeTokens, type UnsubscribeTokens } from './unsubscribe-tokens';
