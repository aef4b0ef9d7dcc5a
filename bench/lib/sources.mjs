// The benchmark reads Turnout's own rules and SQL from the sources (TypeScript, through tsx), so its
// baselines and its expected outcomes can never drift from what the server runs.
import { tsImport } from 'tsx/esm/api';

const ROOT = new URL('../../', import.meta.url);
const load = (path) => tsImport(new URL(path, ROOT).href, import.meta.url);

/**
 * Turnout's join statement (`joinStatement` in participation.repository.ts) as pgbench runs it: the
 * event's id inlined, the joiner taken from the arrival queue by pgbench's `:k`, `now()` for the
 * instant. It commits on its own, as in Turnout.
 */
export async function joinSqlForPgbench(eventId) {
  const [{ joinStatement }, { PgDialect }] = await Promise.all([
    load('apps/server/src/modules/participation/participation.repository.ts'),
    import('drizzle-orm/pg-core'),
  ]);
  const literals = { event: `'${eventId}'`, user: '(SELECT user_id FROM bench_queue WHERE n = :k)', at: 'now()' };
  const { sql, params } = new PgDialect().sqlToQuery(joinStatement('event', 'user', 'at'));
  const text = sql.replace(/\$(\d+)/g, (_, n) => {
    const literal = literals[params[Number(n) - 1]];
    if (literal === undefined) throw new Error(`the join statement has a parameter the benchmark does not know: ${params[Number(n) - 1]}`);
    return literal;
  });
  return `SELECT nextval('bench_queue_seq') AS k \\gset\n${text.trim().replace(/\n {4}/g, '\n')};`;
}

/** What `joiners` joins, one after another, leave on an empty `seats`-seat event, by the seating rules. */
export async function expectedRush(joiners, seats) {
  const { decideJoin } = await load('packages/domain/src/index.ts');
  let counts = { capacity: seats, joinedCount: 0, waitlistCount: 0 };
  const endsAt = new Date(Date.now() + 86_400_000);
  for (let i = 0; i < joiners; i++) {
    const decision = decideJoin({ ...counts, endsAt }, null, Date.now());
    if (decision.kind !== 'added') throw new Error(`a join on an open event was not added: ${decision.kind}`);
    counts = decision.seats;
  }
  return { joined: counts.joinedCount, waitlisted: counts.waitlistCount };
}
