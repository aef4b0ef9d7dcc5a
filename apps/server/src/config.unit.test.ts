import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { runServerUntilExit } from './test/harness/server-process';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('parseConfig', () => {
  it('defaults to the embedded database in ./data on port 3000 with production-grade settings', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '0.0.0.0',
      port: 3000,
      publicOrigin: 'http://localhost:3000',
      allowedOrigins: ['http://localhost:3000'],
      trustProxy: { kind: 'none' },
      secureCookies: false,
      database: { kind: 'pglite', dataDir: resolve('./data') },
      redisUrl: undefined,
      logLevel: 'info',
      session: { idleMinutes: 7 * 24 * 60, absoluteMinutes: 30 * 24 * 60 },
      rateLimit: {
        authPerMinute: 60,
        loginFailuresPer15Minutes: 10,
        loginFailuresPerAddressPerHour: 100,
        writesPerMinute: 60,
        eventCreatesPerHour: 30,
        handshakesPerMinute: 600,
      },
      // OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane; as many at once as there are cores.
      argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1, maxConcurrent: availableParallelism() },
      // Hundreds of people on one venue's Wi-Fi share one address.
      socketMaxPerAddress: 1_000,
    });
  });

  it('reads TRUST_PROXY as false, true, a hop count, or proxy addresses and CIDR ranges', () => {
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' });
    expect(parseConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual({ kind: 'all' });
    expect(parseConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback' }).trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', '192.168.1.7', 'loopback'],
    });
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/99' })[0]).toMatch(/^TRUST_PROXY: must be false, true, a number of hops/);
    expect(problemsOf({ TRUST_PROXY: '50' })[0]).toMatch(/^TRUST_PROXY: .*at most 20/);
  });

  it('switches to PostgreSQL and Redis when their URLs are set', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://app@db:5432/turnout', DATABASE_POOL_MAX: '7', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db:5432/turnout', poolMax: 7 });
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('uses secure cookies when the public origin is https, and keeps only the origin of it', () => {
    const config = parseConfig({
      PUBLIC_ORIGIN: 'https://turnout.example.com/some/path',
      ALLOWED_ORIGINS: 'https://admin.example.com, http://localhost:5173',
    });
    expect(config.secureCookies).toBe(true);
    expect(config.publicOrigin).toBe('https://turnout.example.com');
    expect(config.allowedOrigins).toEqual(['https://turnout.example.com', 'https://admin.example.com', 'http://localhost:5173']);
  });

  it('treats empty values as unset and ignores variables it does not know', () => {
    const config = parseConfig({ PORT: '', LOG_LEVEL: '', PATH: '/usr/bin', SOMETHING_ELSE: 'x' });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://app@db/turnout'],
    ['REDIS_URL', 'nope'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_ORIGIN', 'turnout.example.com'],
    ['ALLOWED_ORIGINS', 'ftp://files.example.com'],
    ['TRUST_PROXY', 'maybe'],
    ['RATE_LIMIT_AUTH', '0'],
    ['SESSION_IDLE_MINUTES', '-5'],
    ['DATABASE_POOL_MAX', '1.5'],
  ])('stops on %s=%s with a message naming it', (key, value) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${key}: `));
  });

  it('refuses an absolute session lifetime shorter than the idle timeout', () => {
    expect(problemsOf({ SESSION_IDLE_MINUTES: '60', SESSION_ABSOLUTE_MINUTES: '30' })).toEqual([
      'SESSION_ABSOLUTE_MINUTES: must be at least SESSION_IDLE_MINUTES',
    ]);
  });

  it('serves metrics on METRICS_PORT (9464), drains for 5 s on SIGTERM in production and not at all in development', () => {
    expect(parseConfig({})).toMatchObject({ metrics: { host: '0.0.0.0', port: 9464 }, shutdown: { drainMs: 0, timeoutMs: 15_000 } });
    const production = parseConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://turnout.example.com' });
    expect(production.shutdown.drainMs).toBe(5_000);
    const tuned = parseConfig({ METRICS_PORT: '9100', METRICS_HOST: '127.0.0.1', SHUTDOWN_DRAIN_MS: '250', SHUTDOWN_TIMEOUT_MS: '3000' });
    expect(tuned).toMatchObject({ metrics: { host: '127.0.0.1', port: 9100 }, shutdown: { drainMs: 250, timeoutMs: 3_000 } });
    expect(problemsOf({ METRICS_PORT: '3000' })).toEqual(['METRICS_PORT: must differ from PORT (metrics are never public)']);
    expect(problemsOf({ SHUTDOWN_DRAIN_MS: '-1' })[0]).toMatch(/^SHUTDOWN_DRAIN_MS: /);
  });

  it('runs jobs, four of a kind at once, unless JOBS_WORK=false; refuses other values', () => {
    expect(parseConfig({}).jobs).toEqual({ work: true, concurrency: 10 });
    expect(parseConfig({ JOBS_WORK: 'false', JOBS_CONCURRENCY: '16' }).jobs).toEqual({ work: false, concurrency: 16 });
    expect(problemsOf({ JOBS_WORK: 'no' })[0]).toMatch(/^JOBS_WORK: /);
    expect(problemsOf({ JOBS_CONCURRENCY: '0' })[0]).toMatch(/^JOBS_CONCURRENCY: /);
    expect(problemsOf({ JOBS_CONCURRENCY: '101' })[0]).toMatch(/^JOBS_CONCURRENCY: /);
  });

  it('refuses, in production, REDIS_URL without DATABASE_URL (replicas would split the data) and a missing PUBLIC_ORIGIN', () => {
    const problems = problemsOf({ NODE_ENV: 'production', REDIS_URL: 'redis://cache:6379', DATABSE_URL: 'postgres://app@db/turnout' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATABASE_URL: required in production when REDIS_URL is set/);
    expect(problems[1]).toMatch(/^PUBLIC_ORIGIN: required in production/);
    // Development keeps its zero-setup defaults.
    expect(parseConfig({ REDIS_URL: 'redis://cache:6379' }).database.kind).toBe('pglite');
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', REDIS_URL: 'nope' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL']);
    expect(new ConfigError(problems).message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('does not repeat a password from a rejected URL in its message', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://app:s3cret@pw@db/turnout' });
    expect(problem).toMatch(/^DATABASE_URL: .*mysql:\/\/app:\*\*\*@db\/turnout/);
    expect(problem).not.toContain('s3cret');
  });
});

describe('mail configuration', () => {
  it('defaults to no SMTP server (mail to the log and the database) from Turnout <turnout@localhost>', () => {
    expect(parseConfig({}).mail).toEqual({ from: 'Turnout <turnout@localhost>' });
  });

  it('takes smtp:// and smtps:// URLs, with or without credentials', () => {
    for (const smtpUrl of ['smtp://user:pass@mail.example.com:587', 'smtps://mail.example.com', 'smtp://127.0.0.1:2525']) {
      expect(parseConfig({ SMTP_URL: smtpUrl }).mail.smtpUrl).toBe(smtpUrl);
    }
  });

  it('refuses other schemes and host-less URLs, masking the password', () => {
    const [problem] = problemsOf({ SMTP_URL: 'http://mailer:hunter2-secret@mail.example.com' });
    expect(problem).toMatch(
      /^SMTP_URL: must be a URL starting with smtp:\/\/ or smtps:\/\/ \(got "http:\/\/mailer:\*\*\*@mail\.example\.com"\)/,
    );
    expect(problem).not.toContain('hunter2');
    expect(problemsOf({ SMTP_URL: 'smtp://' })[0]).toMatch(/^SMTP_URL: must name a host/);
    expect(problemsOf({ SMTP_URL: 'mail.example.com:587' })[0]).toMatch(/^SMTP_URL: /);
  });

  it('takes MAIL_FROM as an address or "Name <address>"', () => {
    expect(parseConfig({ MAIL_FROM: 'events@example.com' }).mail.from).toBe('events@example.com');
    expect(parseConfig({ MAIL_FROM: '  Turnout Events <events@example.com> ' }).mail.from).toBe('Turnout Events <events@example.com>');
    expect(parseConfig({ MAIL_FROM: '"Turnout, Inc." <events@mail.example.com>' }).mail.from).toBe(
      '"Turnout, Inc." <events@mail.example.com>',
    );
  });

  it('refuses a MAIL_FROM that is no address, or that would add a header', () => {
    for (const from of [
      'Turnout',
      'Turnout <>',
      'a@b@c',
      '<events@example.com',
      'Name <events@example.com>\r\nBcc: x@evil.test',
      'x@-bad-.com',
    ]) {
      expect(problemsOf({ MAIL_FROM: from })[0], from).toMatch(/^MAIL_FROM: must be an address or "Name <address>"/);
    }
  });
});

describe('the server entry', () => {
  it('exits with code 1 and a message naming PORT when PORT is invalid', { timeout: 60_000 }, async () => {
    const { code, stderr } = await runServerUntilExit({ PORT: 'abc' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(/PORT: .*"abc"/);
  });

  it('refuses to start in production with REDIS_URL but no DATABASE_URL, naming DATABASE_URL', { timeout: 60_000 }, async () => {
    const { code, stderr } = await runServerUntilExit({
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://turnout.example.com',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATA_DIR: '/nonexistent/never-created',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL: required in production when REDIS_URL is set');
  });
});
