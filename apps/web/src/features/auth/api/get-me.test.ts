import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/builders';
import { setSignedInHint } from '../../../test/cookies';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { getMe, hasSignedInHint } from './get-me';

describe('hasSignedInHint', () => {
  it('finds the hint under its plain and its __Host- name, and nothing else', () => {
    expect(hasSignedInHint('turnout_signed_in=1')).toBe(true);
    expect(hasSignedInHint('theme=dark; __Host-turnout_signed_in=1')).toBe(true);
    expect(hasSignedInHint('')).toBe(false);
    expect(hasSignedInHint('turnout_signed_in=0; xturnout_signed_in=1; turnout_signed_in_=1')).toBe(false);
  });
});

describe('getMe', () => {
  it('knows a visitor without the hint is anonymous, without a request', async () => {
    const api = mockApi();
    expect(await getMe()).toBeNull();
    expect(api.requests).toEqual([]);
  });

  it('asks the server when the hint is there', async () => {
    setSignedInHint();
    const me = buildMe({}, { email: null, emailVerified: false });
    mockApi().on('GET', '/api/auth/me', () => json(200, me));
    expect(await getMe()).toEqual(me);
  });

  it('answers null when the server no longer knows the session', async () => {
    setSignedInHint();
    mockApi().on('GET', '/api/auth/me', () => apiError(401, 'unauthenticated', 'Log in first.'));
    expect(await getMe()).toBeNull();
  });
});
