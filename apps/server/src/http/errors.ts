import { ErrorCode, type FieldErrors } from '@turnout/contracts';

/** A failure with a stable code and status; the error handler renders it as docs/product.md §3's error shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, fields?: FieldErrors) =>
  new AppError(400, ErrorCode.validation, message, fields ? { fields } : undefined);
export const unauthenticated = (message = 'You need to log in.') => new AppError(401, ErrorCode.unauthenticated, message);
export const forbidden = (message = 'You are not allowed to do that.') => new AppError(403, ErrorCode.forbidden, message);
export const notFound = (what = 'Resource') => new AppError(404, ErrorCode.notFound, `${what} not found.`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, ErrorCode.rateLimited, `Too many requests. Try again in ${retryAfterSeconds} s.`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
