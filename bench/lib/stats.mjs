// Medians with their spread, and latency histograms (HDR) shared by the load scripts.
import hdr from 'hdr-histogram-js';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{median, min, max, runs}` of one number across runs. */
export function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values };
}

/** A histogram of latencies in microseconds, 1 µs to 2 min, 3 significant digits. */
export function latencyHistogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

/** p50/p99/max in milliseconds of a histogram of microseconds. */
export function latencySummary(histogram) {
  if (histogram.totalCount === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  return {
    count: histogram.totalCount,
    p50: histogram.getValueAtPercentile(50) / 1000,
    p99: histogram.getValueAtPercentile(99) / 1000,
    max: histogram.maxValue / 1000,
  };
}

/** Summary of a list of latencies in milliseconds, through the same histogram. */
export function summarizeMs(values) {
  const histogram = latencyHistogram();
  for (const value of values) histogram.recordValue(Math.max(1, Math.round(value * 1000)));
  return latencySummary(histogram);
}
