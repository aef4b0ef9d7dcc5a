import { randomBytes } from 'node:crypto';
import type { CalendarTokenResponse } from '@turnout/contracts';
import type { Db } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import { notFound, unauthenticated } from '../../http/errors';
import { presentCalendar } from './calendar.presenter';
import { calendarRepository } from './calendar.repository';

export interface CalendarServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  publicOrigin: string;
}

export interface IcsFile {
  filename: string;
  body: string;
}

/** 256 random bits, base64url: the secret part of a personal feed's address. */
const newCalendarToken = () => randomBytes(32).toString('base64url');

export const calendarFeedPath = (token: string) => `/api/calendar/${token}.ics`;

/** A file name made of the title's plain letters and digits, for Content-Disposition. */
const fileNameOf = (title: string) =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'event'
  }.ics`;

export function createCalendarService(deps: CalendarServiceDeps) {
  const tokenResponse = (token: string): CalendarTokenResponse => ({
    token,
    feedPath: calendarFeedPath(token),
    feedUrl: `${deps.publicOrigin}${calendarFeedPath(token)}`,
  });

  const publicPageUrl = (eventId: string) => `${deps.publicOrigin}/e/${eventId}`;
  // A feed holds its owner's own events: they link to the app's page of each, as invitations do.
  const appPageUrl = (eventId: string) => `${deps.publicOrigin}/events/${eventId}`;

  return {
    /**
     * One event as a file anyone may add (the public page offers it, and so does the event's own):
     * it links to the public page and never carries a join link.
     */
    async eventFile(eventId: string): Promise<IcsFile> {
      const event = await calendarRepository.findEvent(deps.db, eventId);
      if (!event) throw notFound('Event');
      return { filename: fileNameOf(event.title), body: presentCalendar([event], { name: event.title, pageUrl: publicPageUrl }) };
    },

    /** The personal feed behind a token; an unknown (or rotated) token is a 404. */
    async feed(token: string): Promise<IcsFile> {
      const userId = await calendarRepository.findUserIdByToken(deps.db, token);
      if (!userId) throw notFound('Calendar feed');
      const events = await calendarRepository.listUserEvents(deps.db, userId);
      return { filename: 'turnout.ics', body: presentCalendar(events, { name: 'Turnout', pageUrl: appPageUrl }) };
    },

    /** The user's feed token, created on first request. */
    async token(userId: string): Promise<CalendarTokenResponse> {
      const token = await deps.runInTransaction((tx) => calendarRepository.ensureToken(tx, userId, newCalendarToken()));
      if (!token) throw unauthenticated();
      return tokenResponse(token);
    },

    /** Replaces the user's feed token: the old address stops working at once. */
    async rotateToken(userId: string): Promise<CalendarTokenResponse> {
      const token = newCalendarToken();
      const updated = await deps.runInTransaction((tx) => calendarRepository.replaceToken(tx, userId, token));
      if (!updated) throw unauthenticated();
      return tokenResponse(token);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
