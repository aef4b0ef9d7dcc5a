import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, emailFor, registration, type TestUser, uniqueName } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { mailsTo, nextMailTo, tokenIn } from '../../test/harness/mailbox';
import { type SmtpSink, startSmtpSink } from '../../test/harness/smtp-sink';
import { totpCodeAt } from './totp-codes';

// Every account flow end to end: the request, the job it enqueues, the mail the SMTP server
// receives, and the link's token followed back. The clock can be moved to expire tokens.
let sink: SmtpSink;
let t: TestApp;
let offsetMs = 0;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: sink.url }, now: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const MINUTE = 60_000;

async function login(name: string, password: string) {
  const response = await call(t, 'POST', '/api/auth/login', { body: { name, password } });
  const cookie = response.cookies.find((c) => c.name === 'turnout_session');
  return { status: response.statusCode, body: response.json(), cookie: cookie ? { cookie: `${cookie.name}=${cookie.value}` } : undefined };
}
const me = (as: { cookie: string }) => call(t, 'GET', '/api/auth/me', { as });

/** A user whose address is verified, by the link of the mail registration sent. */
async function verifiedUser(): Promise<TestUser> {
  const user = await buildUser(t);
  const mail = await nextMailTo(sink, user.email);
  expect((await call(t, 'POST', '/api/auth/email/verify', { body: { token: tokenIn(mail, '/verify-email') } })).statusCode).toBe(204);
  return user;
}

/** The states of the reset jobs enqueued for `email`. */
const resetJobsFor = async (email: string): Promise<string[]> => {
  const result = await t.db.database.db.execute(
    sql`select state from pgboss.job where name = 'auth.password-reset' and data->>'email' = ${email.toLowerCase()}`,
  );
  return (result as unknown as { rows: { state: string }[] }).rows.map((row) => row.state);
};

async function untilJobsRan(email: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await resetJobsFor(email)).every((state) => state === 'completed')) {
    if (Date.now() > deadline) throw new Error(`reset jobs for ${email} did not complete`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('the address', () => {
  it('is verified by the link mailed at registration, once; me shows it to its owner', async () => {
    const user = await buildUser(t);
    const mail = await nextMailTo(sink, user.email);
    expect(mail.subject).toBeTruthy();
    const token = tokenIn(mail, '/verify-email');
    // Read (and so cached with the session) just before the link is followed: me is not stale after.
    expect((await me(user)).json().account).toEqual({ email: user.email, emailVerified: false, totpEnabled: false });
    expect(mail.text).toContain(`http://turnout.test/verify-email#token=${token}`);
    expect((await call(t, 'POST', '/api/auth/email/verify', { body: { token } })).statusCode).toBe(204);
    expect((await me(user)).json().account).toMatchObject({ email: user.email, emailVerified: true });
    const again = await call(t, 'POST', '/api/auth/email/verify', { body: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('refuses an unknown or expired verification token', async () => {
    const unknown = await call(t, 'POST', '/api/auth/email/verify', { body: { token: 'A'.repeat(43) } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_token');
    const user = await buildUser(t);
    const token = tokenIn(await nextMailTo(sink, user.email), '/verify-email');
    offsetMs = 48 * 60 * MINUTE + MINUTE;
    try {
      expect((await call(t, 'POST', '/api/auth/email/verify', { body: { token } })).json().error.code).toBe('invalid_token');
    } finally {
      offsetMs = 0;
    }
  });

  it('is refused when another account has it, in any case; the name is checked as before', async () => {
    const user = await buildUser(t);
    const taken = await call(t, 'POST', '/api/auth/register', { body: registration('dup', { email: user.email.toUpperCase() }) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'email_taken', details: { fields: { email: [expect.any(String)] } } });
    const name = await call(t, 'POST', '/api/auth/register', { body: registration('dup', { name: user.user.name }) });
    expect(name.json().error.code).toBe('name_taken');
    const other = await buildUser(t);
    const change = await call(t, 'POST', '/api/auth/email', { as: other, body: { email: user.email.toUpperCase() } });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('email_taken');
    expect((await me(other)).json().account.email).toBe(other.email);
  });

  it('changes unverified: the new one gets its link, the old verified one a notice, and an old link confirms nothing', async () => {
    const user = await verifiedUser();
    const next = emailFor(uniqueName('moved'));
    expect((await call(t, 'POST', '/api/auth/email', { as: user, body: { email: next } })).statusCode).toBe(204);
    expect((await me(user)).json().account).toMatchObject({ email: next, emailVerified: false });
    const notice = await nextMailTo(sink, user.email, 1);
    expect(notice.text).toContain(next);
    const link = tokenIn(await nextMailTo(sink, next), '/verify-email');

    // The same address again is the "resend": a second link, both good until used.
    expect((await call(t, 'POST', '/api/auth/email', { as: user, body: { email: next } })).statusCode).toBe(204);
    const resent = tokenIn(await nextMailTo(sink, next, 1), '/verify-email');
    expect(resent).not.toBe(link);

    // Moved on again: the links for `next` confirm nothing now.
    const last = emailFor(uniqueName('last'));
    await call(t, 'POST', '/api/auth/email', { as: user, body: { email: last } });
    expect((await call(t, 'POST', '/api/auth/email/verify', { body: { token: link } })).json().error.code).toBe('invalid_token');
    // `next` was never verified: it was sent no notice of the move.
    await nextMailTo(sink, last);
    expect(mailsTo(sink, next)).toHaveLength(2);
    expect((await me(user)).json().account).toMatchObject({ email: last, emailVerified: false });
  });
});

describe('a forgotten password', () => {
  it('is reset by the mailed link: every session ends, the new password logs in, the link works once', async () => {
    const user = await verifiedUser();
    const second = await login(user.user.name, user.password);
    const forgot = await call(t, 'POST', '/api/auth/password/forgot', { body: { email: user.email.toUpperCase() } });
    expect(forgot.statusCode).toBe(202);
    expect(forgot.body).toBe('');
    const mail = await nextMailTo(sink, user.email, 1);
    const token = tokenIn(mail, '/reset-password');
    expect(mail.text).toContain(`http://turnout.test/reset-password#token=${token}`);
    // Only the token's SHA-256 is stored.
    const stored = await t.db.database.db.execute(sql`select token_hash from account_tokens where purpose = 'reset_password'`);
    expect(JSON.stringify(stored)).not.toContain(token);

    const reset = await call(t, 'POST', '/api/auth/password/reset', { body: { token, password: 'a brand new secret' } });
    expect(reset.statusCode).toBe(204);
    expect((await me(user)).statusCode).toBe(401);
    expect(second.cookie && (await me(second.cookie)).statusCode).toBe(401);
    expect((await login(user.user.name, user.password)).status).toBe(401);
    expect((await login(user.user.name, 'a brand new secret')).status).toBe(200);
    const notice = await nextMailTo(sink, user.email, 2);
    expect(notice.text).not.toContain('#token=');

    const again = await call(t, 'POST', '/api/auth/password/reset', { body: { token, password: 'yet another secret' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('answers the same for a known, an unverified and an unknown address, enqueues the same job, and mails only the verified one', async () => {
    const known = await verifiedUser();
    const unverified = await buildUser(t);
    await nextMailTo(sink, unverified.email);
    const unknown = emailFor(uniqueName('nobody'));
    const answers = [];
    for (const email of [known.email, unverified.email, unknown]) {
      const response = await call(t, 'POST', '/api/auth/password/forgot', { body: { email } });
      const { date: _date, 'x-request-id': _id, ...headers } = response.headers;
      answers.push({ status: response.statusCode, body: response.body, headers });
      expect(await resetJobsFor(email)).toHaveLength(1);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await nextMailTo(sink, known.email, 1);
    // The jobs for the other two ran and sent nothing.
    await untilJobsRan(unverified.email);
    await untilJobsRan(unknown);
    expect(mailsTo(sink, unverified.email)).toHaveLength(1);
    expect(mailsTo(sink, unknown)).toHaveLength(0);
  });

  it('takes known and unknown addresses in the same time class', async () => {
    const known = await Promise.all(Array.from({ length: 20 }, () => buildUser(t)));
    const time = async (emails: string[]) => {
      const started = performance.now();
      for (const email of emails) await call(t, 'POST', '/api/auth/password/forgot', { body: { email } });
      return performance.now() - started;
    };
    const knownMs = await time(known.map((user) => user.email));
    const unknownMs = await time(known.map(() => emailFor(uniqueName('ghost'))));
    // Generous: the same work either way, so neither is several times the other.
    expect(Math.max(knownMs, unknownMs) / Math.min(knownMs, unknownMs)).toBeLessThan(3);
  });

  it('enqueues at most five an hour for one address, answering 202 all the same', async () => {
    const email = emailFor(uniqueName('flood'));
    for (let i = 0; i < 8; i++) expect((await call(t, 'POST', '/api/auth/password/forgot', { body: { email } })).statusCode).toBe(202);
    expect(await resetJobsFor(email)).toHaveLength(5);
  });

  it('retires an older link when a newer one is mailed, and expires a link after 30 minutes', async () => {
    const user = await verifiedUser();
    await call(t, 'POST', '/api/auth/password/forgot', { body: { email: user.email } });
    const first = tokenIn(await nextMailTo(sink, user.email, 1), '/reset-password');
    await call(t, 'POST', '/api/auth/password/forgot', { body: { email: user.email } });
    const second = tokenIn(await nextMailTo(sink, user.email, 2), '/reset-password');
    expect((await call(t, 'POST', '/api/auth/password/reset', { body: { token: first, password: 'fresh new secret' } })).statusCode).toBe(
      400,
    );
    offsetMs = 30 * MINUTE + 1_000;
    try {
      const late = await call(t, 'POST', '/api/auth/password/reset', { body: { token: second, password: 'fresh new secret' } });
      expect(late.json().error.code).toBe('invalid_token');
    } finally {
      offsetMs = 0;
    }
    expect((await call(t, 'POST', '/api/auth/password/reset', { body: { token: second, password: 'fresh new secret' } })).statusCode).toBe(
      204,
    );
  });

  it('does not turn two-factor sign-in off: the next login still asks for the code', async () => {
    const user = await verifiedUser();
    const { secret } = (await call(t, 'POST', '/api/auth/totp/setup', { as: user })).json();
    expect((await call(t, 'POST', '/api/auth/totp/enable', { as: user, body: { code: totpCodeAt(secret, new Date()) } })).statusCode).toBe(
      200,
    );
    // The notice that two-factor is on arrives first; then the reset link.
    expect((await nextMailTo(sink, user.email, 1)).text).not.toContain('#token=');
    await call(t, 'POST', '/api/auth/password/forgot', { body: { email: user.email } });
    const reset = tokenIn(await nextMailTo(sink, user.email, 2), '/reset-password');
    expect((await call(t, 'POST', '/api/auth/password/reset', { body: { token: reset, password: 'after the reset' } })).statusCode).toBe(
      204,
    );
    expect((await login(user.user.name, 'after the reset')).body.error.code).toBe('totp_required');
  });
});

describe('a password change', () => {
  it('needs the current password, ends the other sessions only, and mails a notice', async () => {
    const user = await verifiedUser();
    const other = await login(user.user.name, user.password);
    const wrong = await call(t, 'POST', '/api/auth/password', {
      as: user,
      body: { currentPassword: 'not it at all', newPassword: 'another long one' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('wrong_password');
    const changed = await call(t, 'POST', '/api/auth/password', {
      as: user,
      body: { currentPassword: user.password, newPassword: 'another long one' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(user)).statusCode).toBe(200);
    expect(other.cookie && (await me(other.cookie)).statusCode).toBe(401);
    expect((await login(user.user.name, 'another long one')).status).toBe(200);
    expect((await nextMailTo(sink, user.email, 1)).text).not.toContain('#token=');
  });
});

describe('the password policy', () => {
  const refusal = (response: {
    statusCode: number;
    json(): { error: { code: string; details?: { fields?: Record<string, string[]> } } };
  }) => {
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    return response.json().error.details?.fields?.password?.[0];
  };

  it('refuses a common password, and the account’s own name or address, at register, reset and change', async () => {
    expect(refusal(await call(t, 'POST', '/api/auth/register', { body: registration('pol', { password: 'Password123' }) }))).toMatch(
      /too common/,
    );
    const named = registration('pol');
    expect(refusal(await call(t, 'POST', '/api/auth/register', { body: { ...named, password: named.name.toUpperCase() } }))).toMatch(
      /name/,
    );
    expect(refusal(await call(t, 'POST', '/api/auth/register', { body: { ...named, password: named.email } }))).toMatch(/email/);

    const user = await verifiedUser();
    const change = await call(t, 'POST', '/api/auth/password', {
      as: user,
      body: { currentPassword: user.password, newPassword: 'qwertyuiop' },
    });
    expect(refusal(change)).toMatch(/too common/);
    await call(t, 'POST', '/api/auth/password/forgot', { body: { email: user.email } });
    const token = tokenIn(await nextMailTo(sink, user.email, 1), '/reset-password');
    expect(refusal(await call(t, 'POST', '/api/auth/password/reset', { body: { token, password: 'iloveyou1' } }))).toMatch(/too common/);
    // A refused password leaves the link usable.
    expect((await call(t, 'POST', '/api/auth/password/reset', { body: { token, password: 'a far better secret' } })).statusCode).toBe(204);
  });
});

describe('hostile addresses', () => {
  it.each([
    ['a NUL', 'ada\u0000@turnout.test'],
    ['300 characters', `${'a'.repeat(290)}@turnout.test`],
    ['a lone surrogate', 'ada\ud800@turnout.test'],
    ['a right-to-left override', 'ada\u202e@turnout.test'],
    ['no address at all', 'ada'],
  ])('refuses %s with a 400 on every route that takes an address', async (_label, email) => {
    const user = await buildUser(t);
    for (const response of [
      await call(t, 'POST', '/api/auth/register', { body: registration('hostile', { email }) }),
      await call(t, 'POST', '/api/auth/password/forgot', { body: { email } }),
      await call(t, 'POST', '/api/auth/email', { as: user, body: { email } }),
    ]) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});
