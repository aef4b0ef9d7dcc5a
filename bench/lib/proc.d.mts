// Types of proc.mjs for the TypeScript figures (the JavaScript is not checked against them).
import type { ChildProcess } from 'node:child_process';

export declare const SERVER_CORE: 0;
export declare const LOAD_CORE: 1;
export declare const pinning: string;

export interface StartOptions {
  env?: Record<string, string>;
  cwd?: string;
  onLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  stdin?: 'ignore' | 'pipe';
}

export interface Started {
  child: ChildProcess;
  /** The last 64 KB of each stream. */
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function pinned(core: number, command: string, args: string[]): [string, string[]];
export declare function pinSelf(core: number): void;
export declare function killChildren(): void;
export declare function start(core: number, command: string, args: string[], options?: StartOptions): Started;
export declare function runLoad<T = unknown>(
  script: string,
  input: unknown,
  options?: { timeoutMs?: number; onMessage?: (message: Record<string, unknown>, proc: Started) => unknown; stdin?: boolean },
): Promise<T>;
export declare function waitForHttp(url: string, options?: { timeoutMs?: number; intervalMs?: number; proc?: Started }): Promise<number>;
export declare function freePort(): Promise<number>;
