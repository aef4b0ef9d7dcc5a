/** Numbers as people read them, in the browser's locale: 100000 → "100,000" (or "100.000", "1 00 000"). */

let counts: Intl.NumberFormat | undefined;

/** A count or a capacity with the locale's grouping: 100000 → "100,000". */
export function formatCount(n: number): string {
  counts ??= new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  return counts.format(n);
}

/** "1 person", "12,000 people". */
export const formatPeople = (n: number): string => `${formatCount(n)} ${n === 1 ? 'person' : 'people'}`;
