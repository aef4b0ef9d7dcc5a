// Types of stats.mjs for the TypeScript figures.
import type { Histogram } from 'hdr-histogram-js';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export declare function median(values: number[]): number;
export declare function spread(values: number[]): Spread;
export declare function latencyHistogram(): Histogram;
export declare function latencySummary(histogram: Histogram): LatencySummary;
export declare function summarizeMs(values: number[]): LatencySummary;
