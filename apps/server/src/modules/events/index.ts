// The events module as other modules and app.ts see it; nothing outside imports its files directly.
export type { EventAttendance } from './events.attendance';
export type { EventMessages } from './events.messages';
export { assertCanManage, eventPolicy } from './events.policy';
export { presentCover, presentEvent, presentEventView, presentEventViewFor, presentParticipation } from './events.presenter';
export { type EventRecord, type EventWithMine, eventsRepository, type MyParticipation, recordFrom } from './events.repository';
export { eventRoutes } from './events.routes';
export { createEventsService, type EventsService } from './events.service';
