import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './http/client-address';

/**
 * The environment, parsed once at start-up. Nothing else in the server reads `process.env`.
 * A bad value stops the process with a message naming the variable.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

// An address (local@domain) alone or after a display name in angle brackets; no line breaks, so
// the value can never add a header.
const mailAddress = String.raw`[^\s@<>()\[\],;:\\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?`;
const mailFromPattern = new RegExp(String.raw`^(?:${mailAddress}|[^<>\r\n\0]*[^<>\s]\s*<${mailAddress}>)$`);

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65_535).default(3000),
  PUBLIC_ORIGIN: url(['http:', 'https:']).optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `must be false, true, a number of hops, or proxy addresses/CIDRs (${(error as Error).message})`,
        });
        return z.NEVER;
      }
    }),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_POOL_MAX: int(1, 500).default(20),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: int(1, 525_600).default(7 * 24 * 60),
  SESSION_ABSOLUTE_MINUTES: int(1, 5_256_000).default(30 * 24 * 60),
  RATE_LIMIT_AUTH: int(1, 1_000_000).default(60),
  RATE_LIMIT_LOGIN_FAILURES: int(1, 1_000_000).default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: int(1, 1_000_000).default(100),
  RATE_LIMIT_WRITES: int(1, 1_000_000).default(60),
  RATE_LIMIT_EVENT_CREATES: int(1, 1_000_000).default(30),
  RATE_LIMIT_ACCOUNT_MAILS: int(1, 1_000_000).default(5),
  ARGON2_MAX_CONCURRENT: int(1, 256).optional(),
  ARGON2_MEMORY_KIB: int(8, 4_194_304).default(19_456),
  ARGON2_ITERATIONS: int(1, 100).default(2),
  ARGON2_PARALLELISM: int(1, 16).default(1),
  SOCKET_MAX_PER_ADDRESS: int(1, 1_000_000).default(1_000),
  SOCKET_HANDSHAKES_PER_MINUTE: int(1, 1_000_000).default(600),
  WEB_DIST_DIR: z.string().min(1).default(defaultWebDist),
  METRICS_PORT: int(0, 65_535).default(9464),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  SHUTDOWN_DRAIN_MS: int(0, 300_000).optional(),
  SHUTDOWN_TIMEOUT_MS: int(1_000, 600_000).default(15_000),
  JOBS_CONCURRENCY: int(1, 100).default(10),
  JOBS_WORK: z.enum(['true', 'false']).default('true'),
  SMTP_URL: url(['smtp:', 'smtps:'])
    .refine((value) => URL.parse(value)?.hostname, 'must name a host, e.g. smtp://user:pass@host:587')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .refine((value) => mailFromPattern.test(value), 'must be an address or "Name <address>", e.g. Turnout <turnout@example.com>')
    .default('Turnout <turnout@localhost>'),
  TOTP_ENCRYPTION_KEY: z.string().optional(),
});

/** Every environment variable the server reads (deployment manifests may set only these). */
export const configKeys: readonly string[] = Object.keys(EnvSchema.shape);

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicOrigin: string;
  allowedOrigins: string[];
  trustProxy: TrustProxy;
  secureCookies: boolean;
  database: { kind: 'postgres'; url: string; poolMax: number } | { kind: 'pglite'; dataDir: string };
  redisUrl: string | undefined;
  logLevel: string;
  session: { idleMinutes: number; absoluteMinutes: number };
  rateLimit: {
    /** Register and login requests per client address per minute. */
    authPerMinute: number;
    /** Failed logins per (account name, client address) per 15 minutes; also where a name's slow-down starts. */
    loginFailuresPer15Minutes: number;
    /** Failed logins per client address per hour, whatever the names. */
    loginFailuresPerAddressPerHour: number;
    /** Writes (create, edit, delete, join, leave, token rotation) per user per minute. */
    writesPerMinute: number;
    /** Events created per user per hour. */
    eventCreatesPerHour: number;
    /** Socket handshakes per client address per minute. */
    handshakesPerMinute: number;
    /** Password-reset and verification mails asked for one address per hour (past it, none is sent). */
    accountMailsPerHour: number;
  };
  argon2: { memoryCost: number; timeCost: number; parallelism: number; maxConcurrent: number };
  socketMaxPerAddress: number;
  webDistDir: string;
  /** Prometheus text is served here, never on the public port. */
  metrics: { host: string; port: number };
  /**
   * SIGTERM: `drainMs` of answering 503 on /readyz while still serving (so load balancers stop
   * sending), then `timeoutMs` at most for closing; past it the process exits 1.
   */
  shutdown: { drainMs: number; timeoutMs: number };
  /** The job queue: whether this process runs jobs (it always enqueues), and how many of one kind at once. */
  jobs: { work: boolean; concurrency: number };
  /**
   * Outgoing mail: through the SMTP server at `smtpUrl` (smtp:// or smtps://, credentials in the
   * URL), or, without one, written to the log and kept in the database. `from` is the From header.
   */
  mail: { smtpUrl?: string; from: string };
  /**
   * The AES-256-GCM key two-factor secrets are encrypted under: given (TOTP_ENCRYPTION_KEY), or
   * kept in a file of DATA_DIR that the first start creates.
   */
  totpKey: { kind: 'given'; key: Buffer } | { kind: 'file'; path: string };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A rejected value as it may be echoed to logs: a URL's password (user:password@) is masked. */
export const withoutPassword = (value: string | undefined) => value?.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^/]*@/i, '$1***@');

/** Parses the environment, treating empty strings as unset. Throws ConfigError naming each bad key. */
export function parseConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in EnvSchema.shape && value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(withoutPassword(env[String(issue.path[0])]))})`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SESSION_ABSOLUTE_MINUTES < e.SESSION_IDLE_MINUTES) {
    problems.push('SESSION_ABSOLUTE_MINUTES: must be at least SESSION_IDLE_MINUTES');
  }
  const extraOrigins = (e.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of extraOrigins) {
    if (!url(['http:', 'https:']).safeParse(origin).success) {
      problems.push(`ALLOWED_ORIGINS: "${origin}" is not an http(s) origin`);
    }
  }
  if (e.NODE_ENV === 'production') {
    // A misspelt DATABASE_URL beside a REDIS_URL means several replicas: each on an embedded
    // database of its own would split the data, so refuse instead of starting.
    if (e.REDIS_URL && !e.DATABASE_URL) {
      problems.push('DATABASE_URL: required in production when REDIS_URL is set (several processes need one PostgreSQL)');
    }
    if (!e.PUBLIC_ORIGIN) problems.push('PUBLIC_ORIGIN: required in production (the origin users reach the app at)');
  }
  const totpKey = e.TOTP_ENCRYPTION_KEY === undefined ? undefined : parseEncryptionKey(e.TOTP_ENCRYPTION_KEY);
  // The key is a secret: a bad one is named, never echoed.
  if (totpKey === null) problems.push('TOTP_ENCRYPTION_KEY: must be 32 bytes, as 64 hex digits or base64');
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && totpKey === undefined) {
    problems.push('TOTP_ENCRYPTION_KEY: required in production with DATABASE_URL (every process must decrypt the same secrets)');
  }
  if (e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) problems.push('METRICS_PORT: must differ from PORT (metrics are never public)');
  if (problems.length > 0) throw new ConfigError(problems);

  const publicOrigin = new URL(e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).origin;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicOrigin,
    allowedOrigins: [publicOrigin, ...extraOrigins.map((o) => new URL(o).origin)],
    trustProxy: e.TRUST_PROXY,
    secureCookies: publicOrigin.startsWith('https:'),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX }
      : { kind: 'pglite', dataDir: resolve(e.DATA_DIR) },
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteMinutes: e.SESSION_ABSOLUTE_MINUTES },
    rateLimit: {
      authPerMinute: e.RATE_LIMIT_AUTH,
      loginFailuresPer15Minutes: e.RATE_LIMIT_LOGIN_FAILURES,
      loginFailuresPerAddressPerHour: e.RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS,
      writesPerMinute: e.RATE_LIMIT_WRITES,
      eventCreatesPerHour: e.RATE_LIMIT_EVENT_CREATES,
      handshakesPerMinute: e.SOCKET_HANDSHAKES_PER_MINUTE,
      accountMailsPerHour: e.RATE_LIMIT_ACCOUNT_MAILS,
    },
    argon2: {
      memoryCost: e.ARGON2_MEMORY_KIB,
      timeCost: e.ARGON2_ITERATIONS,
      parallelism: e.ARGON2_PARALLELISM,
      // Each hash holds ARGON2_MEMORY_KIB: a flood of logins waits for a core instead of taking memory.
      maxConcurrent: e.ARGON2_MAX_CONCURRENT ?? availableParallelism(),
    },
    socketMaxPerAddress: e.SOCKET_MAX_PER_ADDRESS,
    webDistDir: resolve(e.WEB_DIST_DIR),
    metrics: { host: e.METRICS_HOST, port: e.METRICS_PORT },
    shutdown: { drainMs: e.SHUTDOWN_DRAIN_MS ?? (e.NODE_ENV === 'production' ? 5_000 : 0), timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    jobs: { work: e.JOBS_WORK === 'true', concurrency: e.JOBS_CONCURRENCY },
    mail: { ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}), from: e.MAIL_FROM },
    totpKey: totpKey ? { kind: 'given', key: totpKey } : { kind: 'file', path: resolve(e.DATA_DIR, 'totp-encryption.key') },
  };
}

/** A 256-bit key written as 64 hex digits or as base64 (either alphabet); null when it is neither. */
export function parseEncryptionKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}
