// The ceiling for the API figures: the fastest server we can write by hand for the same answers,
// with no framework. It answers GET /api/auth/me and GET /api/events with the same session rule and
// the same SQL as Turnout (columns, counts, the viewer's participation and waitlist position, order,
// limit + 1 for the cursor) and the same JSON, doing the least work for them:
// - each query is a named prepared statement (parsed and planned once per connection);
// - timestamps are read as the text PostgreSQL prints and rewritten as ISO 8601, never made Dates;
// - a resolved session is kept for 2 s, as Turnout's session cache does;
// - responses are written by serializers compiled once (fast-json-stringify).
// Usage: node raw-api.mjs <port> (postgres://… | pglite:<dir>)
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import fastJson from 'fast-json-stringify';

const [port, target] = process.argv.slice(2);
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const IDLE_MS = 7 * 24 * 60 * 60_000;
const TOUCH_MS = 60_000;
const SESSION_TTL_MS = 2_000;
const TIMESTAMPTZ = 1184;

/** `2026-12-02 04:06:25.12+00` (a UTC session's text) → `2026-12-02T04:06:25.120Z`. */
function iso(text) {
  if (text.endsWith('+00') && text.charCodeAt(10) === 32) {
    const fraction = text.slice(20, -3);
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')}Z`;
  }
  return new Date(text).toISOString();
}

const query = await connect(target);

async function connect(where) {
  const raw = (value) => value;
  if (where.startsWith('pglite:')) {
    // The server's own PGlite build, so the data directory's format matches.
    const require = createRequire(new URL('../../apps/server/package.json', import.meta.url));
    const { PGlite } = await import(require.resolve('@electric-sql/pglite'));
    const db = await PGlite.create(`${where.slice('pglite:'.length)}/pglite`);
    const options = { parsers: { [TIMESTAMPTZ]: raw } };
    return (_name, text, values) => db.query(text, values, options);
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: where, max: 20 });
  const types = { getTypeParser: (oid, format) => (oid === TIMESTAMPTZ ? raw : pg.types.getTypeParser(oid, format)) };
  return (name, text, values) => pool.query({ name, text, values, types });
}

const SESSION_SQL = `select s.token_hash, s.last_seen_at, u.id, u.name, u.role, u.created_at,
    u.email, u.email_verified_at is not null as email_verified, t.enabled_at is not null as totp_enabled, i.id as avatar_id
  from sessions s inner join users u on u.id = s.user_id left join user_totp t on t.user_id = u.id
    left join images i on i.user_id = u.id
  where s.token_hash = $1 and s.expires_at > $2 limit 1`;

const LIST_SQL = `select e.id, e.organizer_id, e.title, e.description, e.location_type, e.location, e.online_url,
    e.attendees_visible, e.starts_at, e.duration_minutes, e.ends_at,
    e.timezone, e.capacity, e.reminders, e.joined_count, e.waitlist_count, e.version, e.created_at, e.updated_at,
    u.name as organizer_name, c.id as cover_id, c.width as cover_width, c.height as cover_height, c.color as cover_color,
    p.status as my_status,
    case when p.status = 'waitlisted' then (
      select count(*)::int from participations w where w.event_id = e.id and w.status = 'waitlisted' and w.seq <= p.seq) end as my_position
  from events e
  inner join users u on u.id = e.organizer_id
  left join images c on c.event_id = e.id
  left join participations p on p.event_id = e.id and p.user_id = $1
  where e.ends_at > $2
  order by e.starts_at asc, e.id asc
  limit $3`;

const string = { type: 'string' };
const integer = { type: 'integer' };
const nullableInteger = { type: ['integer', 'null'] };
const nullableString = { type: ['string', 'null'] };
const user = {
  type: 'object',
  properties: { id: string, name: string, role: string, avatarUrl: nullableString, createdAt: string },
  required: ['id', 'name', 'role', 'avatarUrl', 'createdAt'],
};
const image = {
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      properties: { url: string, width: integer, height: integer, color: string },
      required: ['url', 'width', 'height', 'color'],
    },
  ],
};
const event = {
  type: 'object',
  properties: {
    id: string,
    organizerId: string,
    organizerName: string,
    title: string,
    description: string,
    locationType: string,
    location: string,
    hasOnlineUrl: { type: 'boolean' },
    cover: image,
    attendeesVisible: { type: 'boolean' },
    startsAt: string,
    endsAt: string,
    timezone: string,
    durationMinutes: integer,
    capacity: nullableInteger,
    reminders: { type: 'array', items: integer },
    joinedCount: integer,
    waitlistCount: integer,
    version: integer,
    createdAt: string,
    updatedAt: string,
    myParticipation: {
      anyOf: [{ type: 'null' }, { type: 'object', properties: { status: string, position: integer }, required: ['status'] }],
    },
    onlineUrl: nullableString,
  },
};
const account = {
  type: 'object',
  properties: { email: { type: ['string', 'null'] }, emailVerified: { type: 'boolean' }, totpEnabled: { type: 'boolean' } },
  required: ['email', 'emailVerified', 'totpEnabled'],
};
const writeMe = fastJson({ type: 'object', properties: { user, account }, required: ['user', 'account'] });
const writeList = fastJson({
  type: 'object',
  properties: { items: { type: 'array', items: event }, nextCursor: { type: ['string', 'null'] } },
  required: ['items', 'nextCursor'],
});

/** token hash → { viewer, at }: a session read from the database within the last 2 s. */
const sessions = new Map();

async function viewerOf(request) {
  const cookie = request.headers.cookie ?? '';
  const match = cookie.match(/(?:^|;\s*)turnout_session=([^;]+)/);
  const token = match?.[1];
  if (!token || !TOKEN.test(token)) return null;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  const cached = sessions.get(tokenHash);
  if (cached && now - cached.at < SESSION_TTL_MS) return cached.viewer;
  const at = new Date(now).toISOString();
  const { rows } = await query('session', SESSION_SQL, [tokenHash, at]);
  const row = rows[0];
  if (!row) return null;
  const idle = now - Date.parse(row.last_seen_at);
  if (idle > IDLE_MS) return null;
  if (idle > TOUCH_MS) await query('touch', 'update sessions set last_seen_at = $1 where token_hash = $2', [at, tokenHash]);
  const avatarUrl = row.avatar_id === null ? null : `/api/images/${row.avatar_id}`;
  const viewer = { id: row.id, name: row.name, role: row.role, avatarUrl, createdAt: iso(row.created_at) };
  // What only the owner sees, read with the session as Turnout reads it.
  viewer.account = { email: row.email, emailVerified: row.email_verified, totpEnabled: row.totp_enabled };
  sessions.set(tokenHash, { viewer, at: now });
  return viewer;
}

const presentEvent = (r, viewerId) => ({
  id: r.id,
  organizerId: r.organizer_id,
  organizerName: r.organizer_name,
  title: r.title,
  description: r.description,
  locationType: r.location_type,
  location: r.location,
  hasOnlineUrl: r.online_url !== null,
  cover:
    r.cover_id === null ? null : { url: `/api/images/${r.cover_id}`, width: r.cover_width, height: r.cover_height, color: r.cover_color },
  attendeesVisible: r.attendees_visible,
  startsAt: iso(r.starts_at),
  endsAt: iso(r.ends_at),
  timezone: r.timezone,
  durationMinutes: r.duration_minutes,
  capacity: r.capacity,
  reminders: r.reminders,
  joinedCount: r.joined_count,
  waitlistCount: r.waitlist_count,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  myParticipation: r.my_status
    ? r.my_status === 'waitlisted' && r.my_position !== null
      ? { status: r.my_status, position: r.my_position }
      : { status: r.my_status }
    : null,
  onlineUrl: r.organizer_id === viewerId || r.my_status === 'joined' ? r.online_url : null,
});

function send(response, status, json) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

const unauthenticated = JSON.stringify({ error: { code: 'unauthenticated', message: 'Log in to continue.' } });
const notFound = JSON.stringify({ error: { code: 'not_found', message: 'Not found.' } });

http
  .createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://x');
      if (url.pathname === '/readyz') return send(response, 200, '{"status":"ok"}');
      if (request.method !== 'GET') return send(response, 404, notFound);
      if (url.pathname === '/api/auth/me') {
        const viewer = await viewerOf(request);
        if (!viewer) return send(response, 401, unauthenticated);
        return send(response, 200, writeMe({ user: viewer, account: viewer.account }));
      }
      if (url.pathname === '/api/events') {
        const viewer = await viewerOf(request);
        if (!viewer) return send(response, 401, unauthenticated);
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
        const { rows } = await query('list', LIST_SQL, [viewer.id, new Date().toISOString(), limit + 1]);
        const items = rows.slice(0, limit).map((row) => presentEvent(row, viewer.id));
        const last = items.at(-1);
        const nextCursor = rows.length > limit && last ? Buffer.from(`${last.startsAt}|${last.id}`, 'utf8').toString('base64url') : null;
        return send(response, 200, writeList({ items, nextCursor }));
      }
      return send(response, 404, notFound);
    } catch (error) {
      console.error(error);
      send(response, 500, '{"error":{"code":"internal","message":"Internal error."}}');
    }
  })
  .listen(Number(port), '127.0.0.1');
