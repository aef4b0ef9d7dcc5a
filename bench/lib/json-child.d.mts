// Types of json-child.mjs for the TypeScript figures.
import type { Started, StartOptions } from './proc.mjs';

export interface JsonChild extends Started {
  /** The value under `key` of the next line that has it. */
  next<T = unknown>(key: string, timeoutMs?: number): Promise<T>;
  /** Writes `message` as one JSON line to the child's stdin. */
  send(message: unknown): void;
  /** Ends stdin, then stops the child. */
  close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function jsonChild(core: number, args: string[], options?: Omit<StartOptions, 'stdin' | 'onLine'>): JsonChild;
