import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorBody, ErrorCode, type FieldErrors } from '@turnout/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fromDatabaseError, loggableError } from '../http/database-errors';
import { AppError } from '../http/errors';

type Rendered = { status: number; body: ErrorBody; headers?: Record<string, string> };

const body = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Maps Fastify's own client errors (by their stable codes) to our catalogue. */
const fastifyClientErrors: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: ErrorCode.unsupportedMediaType,
    message: 'Send JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: ErrorCode.payloadTooLarge, message: 'The request body is too large.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: ErrorCode.badRequest, message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: ErrorCode.badRequest, message: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: ErrorCode.badRequest, message: 'Content-Length does not match the body.' },
};

function render(error: FastifyError | AppError | Error): Rendered {
  if (error instanceof AppError) {
    return { status: error.status, body: body(error.code, error.message, error.details), headers: error.headers };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldErrors = {};
    for (const issue of error.validation) {
      const where = (error as FastifyError).validationContext ?? 'body';
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || where;
      fields[path] = [...(fields[path] ?? []), issue.message ?? 'Invalid value'];
    }
    return { status: 400, body: body(ErrorCode.validation, 'Some fields are invalid.', { fields }) };
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? fastifyClientErrors[fastifyError.code] : undefined;
  if (known) return { status: known.status, body: body(known.code, known.message) };
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, body: body(ErrorCode.badRequest, 'The body is not valid JSON.') };
  }
  const refused = fromDatabaseError(error);
  if (refused) return render(refused);
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return { status, body: body(status === 404 ? ErrorCode.notFound : ErrorCode.badRequest, error.message) };
  }
  return { status: 500, body: body(ErrorCode.internal, 'Something went wrong on our side.') };
}

/** The one error handler: every failure leaves in the same shape, 5xx without internals. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const rendered = render(error);
    if (rendered.status >= 500) request.log.error({ err: loggableError(error) }, 'request failed');
    else if (fromDatabaseError(error))
      request.log.warn({ err: loggableError(error), status: rendered.status }, 'request refused by the database');
    else request.log.info({ code: rendered.body.error.code, status: rendered.status }, rendered.body.error.message);
    if (rendered.headers) void reply.headers(rendered.headers);
    return reply.status(rendered.status).send(rendered.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body(ErrorCode.notFound, `No route for ${request.method} ${request.url.split('?')[0]}.`)),
  );
});

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or a URL over 16 KB, a
 * malformed request line) get the same error shape as every other refusal, then the connection ends.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, ErrorCode.badRequest, 'The request line or headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, ErrorCode.badRequest, 'The request took too long to arrive.']
        : [400, ErrorCode.badRequest, 'The request is not valid HTTP.'];
  const json = JSON.stringify(body(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

/** Fastify's own refusals of a URL (a malformed path, a parameter past its length) in the error shape. */
export const frameworkErrors = (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
  reply.status(400).send(body(ErrorCode.badRequest, 'The URL is not valid.'));
