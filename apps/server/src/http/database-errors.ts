import { ErrorCode } from '@turnout/contracts';
import { AppError } from './errors';

/** The driver's error behind a failed query: node-postgres and PGlite both carry PostgreSQL's SQLSTATE in `code`. */
function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The constraint a unique violation (23505) names, on either engine; undefined for any other error. */
export function uniqueViolation(error: unknown): string | undefined {
  if (sqlState(error) !== '23505') return undefined;
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const constraint = (e as { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}

/**
 * A database refusal a client's request can cause, as the answer it deserves; undefined for
 * anything else (a bug or an outage: a 500). Validation at the edges should leave nothing to land
 * here; this keeps a gap in it from ever becoming a 500.
 * - class 22, data exception: a value the column cannot hold (a date out of range, NUL in text);
 * - 23505 and 23514, a unique or check constraint: the request conflicts with what is stored now.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  const state = sqlState(error);
  if (state === undefined) return undefined;
  if (state.startsWith('22')) return new AppError(400, ErrorCode.validation, 'A value in the request cannot be stored.');
  if (state === '23505' || state === '23514') {
    return new AppError(409, ErrorCode.conflict, 'The request conflicts with the current state. Reload and try again.');
  }
  return undefined;
}

/**
 * An error as the log should hold it: type, message, stack, code and causes, never a failed
 * query's bound parameters (password hashes, session token hashes, personal data), which drizzle
 * puts in the message and in `params`, and never PostgreSQL's `detail`, which quotes row values.
 */
export type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

export function loggableError(error: unknown, depth = 0): LoggedError {
  // Already made loggable (the logger's serializer also runs on what the handler passes).
  if (isLogged(error)) return error;
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const withoutParams = (text: string) => text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '');
  const out: LoggedError = {
    type: error.constructor.name || error.name,
    message: withoutParams(error.message),
    stack: withoutParams(error.stack ?? ''),
  };
  const { code, statusCode, query } = error as { code?: unknown; statusCode?: unknown; query?: unknown };
  if (code !== undefined) out.code = code;
  if (statusCode !== undefined) out.statusCode = statusCode;
  if (typeof query === 'string') out.query = query;
  if (error.cause !== undefined && depth < 3) out.cause = loggableError(error.cause, depth + 1);
  return out;
}

const isLogged = (value: unknown): value is LoggedError =>
  typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as LoggedError).type === 'string';
