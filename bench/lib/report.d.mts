// Types of report.mjs for the TypeScript figures.
import type { ProfileSummary } from './profile.mjs';
import type { Spread } from './stats.mjs';

export interface Check {
  name: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target: string;
  /** null: reported, not judged. */
  met: boolean | null;
}

export interface Figure {
  id: number;
  title: string;
  status: 'measured' | 'skipped' | 'error';
  reason: string;
  errors: string[];
  skip(reason: string): void;
  fail(error: unknown): void;
  /** A wrong result found while measuring: the figure stays, the run fails. */
  error(text: string): void;
  table(columns: string[], rows: string[][], caption?: string): void;
  check(check: Check): void;
  note(text: string): void;
  profile(summary: ProfileSummary & { dir: string; reading?: string }): void;
  missed(): boolean;
}

export declare const fmt: (value: number | null | undefined, digits?: number) => string;
export declare const spreadText: (s: Spread, digits?: number) => string;
export declare function createFigure(id: number, title: string): Figure;
