import { describe, expect, it } from 'vitest';
import { redactUrl } from './request-log';

describe('redactUrl', () => {
  it('cuts the calendar feed token out of logged URLs', () => {
    const token = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr';
    expect(redactUrl(`/api/calendar/${token}.ics`)).toBe('/api/calendar/[redacted].ics');
    expect(redactUrl(`/api/calendar/${token}.ics?x=1`)).toBe('/api/calendar/[redacted].ics?x=1');
  });

  it('leaves other URLs as they are', () => {
    expect(redactUrl('/api/calendar/token')).toBe('/api/calendar/token');
    expect(redactUrl('/api/events/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/calendar.ics')).toBe(
      '/api/events/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/calendar.ics',
    );
  });
});
