// Types of seed.mjs for the TypeScript figures.

/** pg.Client and PGlite both fit. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface SeededUser {
  id: string;
  cookie: string;
}

export declare const SESSION_COOKIE: string;
export declare const EVENT_COUNT: number;
export declare const cookieFor: (token: string) => string;
export declare function seedUsers(
  db: Queryable,
  counts?: { organizers?: number; joiners?: number },
): Promise<{ organizers: SeededUser[]; joiners: SeededUser[] }>;
export declare function seedEvents(
  db: Queryable,
  users: { organizers: SeededUser[]; joiners: SeededUser[] },
): Promise<{ viewer: SeededUser }>;
export declare function createEvent(
  db: Queryable,
  organizerId: string,
  options?: { capacity?: number | null; title?: string },
): Promise<{ id: string; version: number }>;
