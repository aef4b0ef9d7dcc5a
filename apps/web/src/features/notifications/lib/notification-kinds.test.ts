import { describe, expect, it } from 'vitest';
import { buildNotification } from '../../../test/builders';
import { firstLine, notificationToast } from './notification-kinds';

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
