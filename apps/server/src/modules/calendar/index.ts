// The calendar module as app.ts sees it.
export { calendarRoutes } from './calendar.routes';
export { type CalendarService, createCalendarService } from './calendar.service';
export { type InvitationOptions, presentInvitation } from './invitation.presenter';
