import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, searchTimeZones, timeZoneOption, timeZoneOptions } from './time-zones';

const names = (query: string) => searchTimeZones(timeZoneOptions(), query).map((option) => option.name);

describe('the time zone list', () => {
  it('lists IANA zones by today’s names, UTC included', () => {
    const all = timeZoneOptions().map((option) => option.name);
    expect(all).toContain('UTC');
    expect(all).toContain('Europe/Berlin');
    expect(all).toContain('Europe/Kyiv');
    expect(all).not.toContain('Europe/Kiev');
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives old spellings today’s names, and leaves any other name as it is', () => {
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('America/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneOption('Asia/Saigon').label).toBe('UTC+07:00 Asia/Ho Chi Minh');
    // A name this runtime does not know still shows, at no offset it could vouch for.
    expect(timeZoneOption('Mars/Olympus').name).toBe('Mars/Olympus');
  });

  it('searches by offset: an exact one, or every zone in a whole hour', () => {
    expect(names('UTC+5:30')).toEqual(['Asia/Colombo', 'Asia/Kolkata']);
    expect(names('+0545')).toEqual(['Asia/Kathmandu']);
    expect(names('+5')).toEqual(expect.arrayContaining(['Asia/Karachi', 'Asia/Kolkata', 'Asia/Kathmandu']));
    expect(names('-3').every((name) => timeZoneOption(name).offsetMinutes <= -180 && timeZoneOption(name).offsetMinutes > -240)).toBe(true);
    // "utc" alone is the zone's name, not every offset.
    expect(names('utc')).toEqual(['UTC']);
  });
});
