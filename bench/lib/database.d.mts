// Types of database.mjs for the TypeScript figures.
import type pg from 'pg';

export interface BenchDatabase {
  name: string;
  url: string;
}

export declare const ADMIN_URL: string;
export declare function databaseUrl(name: string): string;
export declare function createDatabase(label: string): Promise<BenchDatabase>;
export declare function dropDatabase(name: string): Promise<void>;
export declare function dropAllDatabases(): Promise<void>;
export declare function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
export declare function postgresVersion(): Promise<string>;
