import type { ErrorBody, FieldErrors } from '@turnout/contracts';

/** A refusal from the API, in its one error shape (`{error: {code, message, details?}}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    /** From a 429's or 503's Retry-After header: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function fieldsOf(details: unknown): FieldErrors {
  if (typeof details !== 'object' || details === null || !('fields' in details)) return {};
  const fields = (details as { fields: unknown }).fields;
  if (typeof fields !== 'object' || fields === null) return {};
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** Retry-After (RFC 9110 §10.2.3): a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error) return new ApiError(response.status, body.error.code, body.error.message, fieldsOf(body.error.details), retryAfter);
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic message.
  }
  return new ApiError(response.status, 'http_error', `The server answered ${response.status}.`, {}, retryAfter);
}

async function send<T>(path: string, init: RequestInit, signal: AbortSignal | undefined): Promise<T> {
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  // 204, and a 202 that only says "accepted", carry no body.
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Calls the same-origin API. Bodies are JSON; a request without a body sends no Content-Type
 * (the server refuses an empty JSON body). Response types come from `@turnout/contracts`.
 */
export async function api<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return send<T>(path, init, signal);
}

/**
 * Sends `form` as multipart/form-data (an image upload), answered and refused like `api`. The
 * browser writes the Content-Type itself: only it knows the multipart boundary.
 */
export function apiUpload<T>(method: 'POST' | 'PUT', path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return send<T>(path, { method, credentials: 'same-origin', headers: { accept: 'application/json' }, body: form }, signal);
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

/** The message to show a person for any failure. */
export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
