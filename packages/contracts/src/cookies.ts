/**
 * A cookie the server keeps beside the HttpOnly session cookie, readable by the page and holding
 * no secret: the page asks `GET /api/auth/me` only when it is there. Over https both cookies carry
 * the `__Host-` prefix.
 */
export const SIGNED_IN_COOKIE = 'turnout_signed_in';
