// The participation module as app.ts sees it; nothing outside imports its files directly.
export { createEventAttendance } from './participation.attendance';
export { type AttendeeLists, createAttendeeLists } from './participation.attendee-lists';
export type { ParticipationMessages } from './participation.messages';
export { participationRepository } from './participation.repository';
export { participationRoutes } from './participation.routes';
export { createParticipationService, type ParticipationService } from './participation.service';
