import { describe, expect, it } from 'vitest';
import { describePlace, knownVenue } from './place';

describe('describePlace', () => {
  it('names a venue by its location, and says when it is still to be announced', () => {
    expect(describePlace({ locationType: 'venue', location: 'Community hall, room 3' })).toBe('Community hall, room 3');
    expect(describePlace({ locationType: 'venue', location: '' })).toBe('Place to be announced');
    expect(describePlace({ locationType: 'venue', location: '   ' })).toBe('Place to be announced');
  });

  it('names an online event by its label, or "Online"', () => {
    expect(describePlace({ locationType: 'online', location: 'Zoom' })).toBe('Zoom');
    expect(describePlace({ locationType: 'online', location: '' })).toBe('Online');
  });
});

describe('knownVenue', () => {
  it('is the location of a venue that has one, and null for a place to be announced or an online event', () => {
    expect(knownVenue({ locationType: 'venue', location: ' Hall 2 ' })).toBe('Hall 2');
    expect(knownVenue({ locationType: 'venue', location: '' })).toBeNull();
    expect(knownVenue({ locationType: 'online', location: 'Zoom' })).toBeNull();
  });
});
