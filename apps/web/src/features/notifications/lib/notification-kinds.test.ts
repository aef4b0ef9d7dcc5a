import type { Notification } from '@turnout/contracts';
import { describe, expect, it } from 'vitest';
import { buildNotification } from '../../../test/builders';
import { firstLine, notificationText, notificationToast } from './notification-kinds';

describe('notification toasts', () => {
  it('show an announcement’s first line only, shortened when long', () => {
    const announcement = buildNotification({
      type: 'announcement',
      title: 'Update: Quiz night',
      body: '\nRoom 2.14 tonight.\r\nBring pens.',
    });
    expect(notificationToast(announcement)).toEqual({ title: 'Update: Quiz night', body: 'Room 2.14 tonight.' });
    expect(firstLine('a'.repeat(200), 20)).toBe(`${'a'.repeat(19)}…`);
  });

  it('show other kinds whole', () => {
    const changed = buildNotification({ type: 'event_changed', body: 'It now starts at 19:00.\nSame place.' });
    expect(notificationToast(changed).body).toBe('It now starts at 19:00.\nSame place.');
  });
});

describe('the “event changed” notice', () => {
  const changed = (changes: Notification['changes']) =>
    buildNotification({ type: 'event_changed', title: 'Event changed', body: 'Stored text, in the event’s zone.', changes });

  it('says what changed, with the new time in the reader’s zone and the app’s date format', () => {
    const notice = changed({
      eventTitle: 'Pub quiz',
      startsAt: '2030-12-08T18:00:00.000Z',
      endsAt: '2030-12-08T20:00:00.000Z',
      location: 'Café Lume',
      previousTitle: 'Quiz night',
    });
    const body = 'Pub quiz: Time moved to Sun, Dec 8 · 1:00 PM EST. Location changed to Café Lume. Title changed from “Quiz night”.';
    expect(notificationText(notice, 'America/New_York')).toEqual({ title: 'Event changed', body });
    expect(notificationToast(notice, 'America/New_York').body).toBe(body);
  });

  it('names a new length, a move online and a place to be announced', () => {
    const zone = 'Europe/Berlin';
    expect(notificationText(changed({ eventTitle: 'Talk', durationMinutes: 90, endsAt: '2030-12-08T20:30:00.000Z' }), zone).body).toBe(
      'Talk: Now 1 hour 30 minutes long, ending Sun, Dec 8 · 9:30 PM GMT+1.',
    );
    expect(notificationText(changed({ eventTitle: 'Talk', locationType: 'online', location: 'Zoom' }), zone).body).toBe(
      'Talk: Now online: Zoom.',
    );
    expect(notificationText(changed({ eventTitle: 'Talk', location: '' }), zone).body).toBe('Talk: The location is now to be announced.');
  });

  it('shows a notice stored before the changes were kept as it was written', () => {
    expect(notificationText(changed(null), 'America/New_York').body).toBe('Stored text, in the event’s zone.');
  });
});
