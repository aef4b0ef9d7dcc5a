// Bulk data for the benchmarks, written straight into a migrated database (PostgreSQL or PGlite:
// both take `query(text, params)` and answer `{rows}`). Sessions are made here, the way the
// server makes them: a random token in the cookie, its SHA-256 stored.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'turnout_session';
export const EVENT_COUNT = 500;
const CROWD = 200;
// Any string works as a hash: nobody logs in with a password here, sessions are made directly.
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$0000000000000000000000000000000000000000000';

const newToken = () => randomBytes(32).toString('base64url');
const hashToken = (token) => createHash('sha256').update(token).digest('hex');
export const cookieFor = (token) => `${SESSION_COOKIE}=${token}`;

async function sessionsFor(db, userIds) {
  const tokens = userIds.map(() => newToken());
  await db.query(
    `insert into sessions (token_hash, user_id, expires_at)
     select s.h, s.u::uuid, now() + interval '30 days'
     from json_to_recordset($1::json) as s(h text, u text)`,
    [JSON.stringify(tokens.map((token, i) => ({ h: hashToken(token), u: userIds[i] })))],
  );
  return tokens;
}

/**
 * Users with one session each: `organizers` organizers and `joiners` joiners (names bench_o_<i>, bench_j_<i>).
 * Returns their ids and cookies, joiners in name order (bench_j_1 first).
 */
export async function seedUsers(db, { organizers = 2, joiners = 0 } = {}) {
  await db.query(
    `insert into users (name, role, password_hash)
     select 'bench_o_' || i, 'organizer', $1 from generate_series(1, $2::int) i`,
    [PASSWORD_HASH, organizers],
  );
  await db.query(
    `insert into users (name, role, password_hash)
     select 'bench_j_' || i, 'joiner', $1 from generate_series(1, $2::int) i`,
    [PASSWORD_HASH, joiners],
  );
  const byPrefix = async (prefix) =>
    (await db.query(`select id from users where name like $1 order by substr(name, length($1))::int`, [`${prefix}%`])).rows.map(
      (row) => row.id,
    );
  const organizerIds = await byPrefix('bench_o_');
  const joinerIds = await byPrefix('bench_j_');
  const organizerTokens = await sessionsFor(db, organizerIds);
  const joinerTokens = await sessionsFor(db, joinerIds);
  return {
    organizers: organizerIds.map((id, i) => ({ id, cookie: cookieFor(organizerTokens[i]) })),
    joiners: joinerIds.map((id, i) => ({ id, cookie: cookieFor(joinerTokens[i]) })),
  };
}

/**
 * 500 upcoming events by the organizers (capacity unlimited, 2, 10 or 50), a crowd of 200 joiners
 * spread over them (~1 in 40 events each), and the viewer (the first joiner) in 1 event in 8,
 * joined last, so that on the small events they wait with a position. Counts match the rows.
 */
export async function seedEvents(db, users) {
  await db.query(
    `insert into events (organizer_id, title, description, location, starts_at, duration_minutes, ends_at, timezone, capacity)
     select (($1::json)->>(i % json_array_length($1::json)))::uuid,
            'Bench event ' || i, repeat('An evening of talks and demos. ', 8), 'Hall ' || (i % 7) || ', Berlin',
            date_trunc('hour', now()) + (i || ' hours')::interval, 90,
            date_trunc('hour', now()) + (i || ' hours')::interval + interval '90 minutes',
            'Europe/Berlin', (array[null, 2, 10, 50])[1 + i % 4]
     from generate_series(1, $2::int) i`,
    [JSON.stringify(users.organizers.map((o) => o.id)), EVENT_COUNT],
  );
  const crowd = users.joiners.slice(1, 1 + CROWD).map((j) => j.id);
  const viewer = users.joiners[0].id;
  await db.query(
    `insert into participations (event_id, user_id, status)
     select e.id, u.id::uuid, 'joined'
     from events e cross join json_array_elements_text($1::json) as u(id)
     where abs(hashtext(e.id::text || u.id)) % 40 = 0
     order by e.starts_at, u.id`,
    [JSON.stringify(crowd)],
  );
  await db.query(
    `insert into participations (event_id, user_id, status)
     select id, $1::uuid, 'joined' from (select id, row_number() over (order by starts_at) n from events) e where n % 8 = 1`,
    [viewer],
  );
  await settleCounts(db);
  return { viewer: users.joiners[0] };
}

/** Seats the first `capacity` of each event by arrival (seq), waitlists the rest, and stores the counts. */
async function settleCounts(db) {
  await db.query(
    `update participations p set status = 'waitlisted'
     from (select event_id, user_id, row_number() over (partition by event_id order by seq) n from participations) r, events e
     where p.event_id = r.event_id and p.user_id = r.user_id and e.id = p.event_id and e.capacity is not null and r.n > e.capacity`,
  );
  await db.query(
    `update events e set joined_count = c.joined, waitlist_count = c.waitlisted
     from (select event_id, count(*) filter (where status = 'joined')::int joined, count(*) filter (where status = 'waitlisted')::int waitlisted
           from participations group by event_id) c
     where c.event_id = e.id`,
  );
  await db.query('analyze');
}

/** A fresh upcoming event with `capacity` seats, owned by `organizerId`; returns its id. */
export async function createEvent(db, organizerId, { capacity = null, title = 'Bench event' } = {}) {
  const { rows } = await db.query(
    `insert into events (organizer_id, title, description, location, starts_at, duration_minutes, ends_at, timezone, capacity)
     values ($1, $2, 'Measured.', 'Hall 1', date_trunc('hour', now()) + interval '1 day', 60,
             date_trunc('hour', now()) + interval '1 day 1 hour', 'Europe/Berlin', $3)
     returning id, version`,
    [organizerId, title, capacity],
  );
  return rows[0];
}
