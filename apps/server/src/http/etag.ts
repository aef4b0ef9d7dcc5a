/** Whether an If-None-Match header names `etag` (RFC 9110 §13.1.2: a list, weak tags compare alike, `*` matches any). */
export const etagMatches = (header: string | undefined, etag: string): boolean =>
  (header ?? '').split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
