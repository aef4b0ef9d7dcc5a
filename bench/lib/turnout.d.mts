// Types of turnout.mjs for the TypeScript figures.
import type { Started } from './proc.mjs';

export declare const ROOT: string;
export declare const SERVER_ENTRY: string;
export declare const WEB_DIST: string;
export declare const RESULTS_DIR: string;

export interface TurnoutServer extends Started {
  port: number;
  origin: string;
  metricsOrigin: string;
  readyMs: number;
}

export declare function ensureBuilt(options?: { log?: (...args: unknown[]) => void }): void;
export declare function ensureWebBuilt(options?: { log?: (...args: unknown[]) => void }): void;
export declare function startTurnout(options: {
  database: { url: string } | { dataDir: string };
  redisUrl?: string;
  nodeFlags?: string[];
  env?: Record<string, string>;
  core?: number;
  readyTimeoutMs?: number;
}): Promise<TurnoutServer>;
export declare function resultsDir(...parts: string[]): string;
