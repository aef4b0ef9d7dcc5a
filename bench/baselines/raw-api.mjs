// The ceiling for the API figures: bare node:http and a driver, no framework. It answers
// GET /api/auth/me and GET /api/events with the same session lookup and the same SQL as Turnout
// (columns, counts, the viewer's participation and waitlist position, order, limit + 1 for the
// cursor) and the same JSON. Usage: node raw-api.mjs <port> (postgres://… | pglite:<dir>)
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';

const [port, target] = process.argv.slice(2);
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const IDLE_MS = 7 * 24 * 60 * 60_000;
const TOUCH_MS = 60_000;

const query = await connect(target);

async function connect(where) {
  if (where.startsWith('pglite:')) {
    // The server's own PGlite build, so the data directory's format matches.
    const require = createRequire(new URL('../../apps/server/package.json', import.meta.url));
    const { PGlite } = await import(require.resolve('@electric-sql/pglite'));
    const db = await PGlite.create(`${where.slice('pglite:'.length)}/pglite`);
    return (text, values) => db.query(text, values);
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: where, max: 20 });
  return (text, values) => pool.query(text, values);
}

const SESSION_SQL = `select s.token_hash, s.last_seen_at, u.id, u.name, u.role, u.created_at
  from sessions s inner join users u on u.id = s.user_id
  where s.token_hash = $1 and s.expires_at > $2 limit 1`;

const LIST_SQL = `select e.id, e.organizer_id, e.title, e.description, e.location, e.starts_at, e.duration_minutes, e.ends_at,
    e.timezone, e.capacity, e.joined_count, e.waitlist_count, e.version, e.created_at, e.updated_at,
    u.name as organizer_name, p.status as my_status,
    case when p.status = 'waitlisted' then (
      select count(*)::int from participations w where w.event_id = e.id and w.status = 'waitlisted' and w.seq <= p.seq) end as my_position
  from events e
  inner join users u on u.id = e.organizer_id
  left join participations p on p.event_id = e.id and p.user_id = $1
  where e.ends_at > $2
  order by e.starts_at asc, e.id asc
  limit $3`;

async function viewerOf(request) {
  const cookie = request.headers.cookie ?? '';
  const match = cookie.match(/(?:^|;\s*)turnout_session=([^;]+)/);
  const token = match?.[1];
  if (!token || !TOKEN.test(token)) return null;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const now = new Date();
  const { rows } = await query(SESSION_SQL, [tokenHash, now]);
  const row = rows[0];
  if (!row) return null;
  const idle = now.getTime() - row.last_seen_at.getTime();
  if (idle > IDLE_MS) return null;
  if (idle > TOUCH_MS) await query('update sessions set last_seen_at = $1 where token_hash = $2', [now, tokenHash]);
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at };
}

const presentEvent = (r) => ({
  id: r.id,
  organizerId: r.organizer_id,
  organizerName: r.organizer_name,
  title: r.title,
  description: r.description,
  location: r.location,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  timezone: r.timezone,
  durationMinutes: r.duration_minutes,
  capacity: r.capacity,
  joinedCount: r.joined_count,
  waitlistCount: r.waitlist_count,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  myParticipation: r.my_status
    ? r.my_status === 'waitlisted' && r.my_position !== null
      ? { status: r.my_status, position: Number(r.my_position) }
      : { status: r.my_status }
    : null,
});

function send(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

const unauthenticated = { error: { code: 'unauthenticated', message: 'Log in to continue.' } };

http
  .createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://x');
      if (url.pathname === '/readyz') return send(response, 200, { status: 'ok' });
      if (request.method !== 'GET') return send(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
      if (url.pathname === '/api/auth/me') {
        const viewer = await viewerOf(request);
        if (!viewer) return send(response, 401, unauthenticated);
        return send(response, 200, { user: { ...viewer, createdAt: viewer.createdAt.toISOString() } });
      }
      if (url.pathname === '/api/events') {
        const viewer = await viewerOf(request);
        if (!viewer) return send(response, 401, unauthenticated);
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
        const { rows } = await query(LIST_SQL, [viewer.id, new Date(), limit + 1]);
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        const nextCursor =
          rows.length > limit && last ? Buffer.from(`${last.starts_at.toISOString()}|${last.id}`, 'utf8').toString('base64url') : null;
        return send(response, 200, { items: items.map(presentEvent), nextCursor });
      }
      return send(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
    } catch (error) {
      console.error(error);
      send(response, 500, { error: { code: 'internal', message: 'Internal error.' } });
    }
  })
  .listen(Number(port), '127.0.0.1');
