// The figures as they are measured, and BENCHMARKS.md written from them.

export const fmt = (value, digits = 1) => {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
};
/** "median (min–max)" of a spread. */
export const spreadText = (s, digits = 1) =>
  s.runs.length > 1 ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : fmt(s.median, digits);

export function createFigure(id, title) {
  const figure = {
    id,
    title,
    status: 'measured',
    reason: '',
    tables: [],
    checks: [],
    notes: [],
    profiles: [],
    errors: [],
    skip(reason) {
      figure.status = 'skipped';
      figure.reason = reason;
    },
    fail(error) {
      figure.status = 'error';
      figure.reason = error instanceof Error ? error.message : String(error);
    },
    /** A wrong result found while measuring: the figure stays, the run fails. */
    error(text) {
      figure.errors.push(text);
    },
    table(columns, rows, caption) {
      figure.tables.push({ columns, rows, caption });
    },
    /** A target: `met` null means "not judged" (e.g. quick runs report it but never fail on it). */
    check({ name, value, baseline = '', ratio = '', target, met }) {
      figure.checks.push({ name, value, baseline, ratio, target, met });
    },
    note(text) {
      figure.notes.push(text);
    },
    profile(summary) {
      figure.profiles.push(summary);
    },
    /** The standard HTTP comparison table and its req/s ratio target. */
    http(ours, base, { target }) {
      const row = (side) => [side.name, spreadText(side.rps, 0), spreadText(side.p50, 2), spreadText(side.p99, 2), spreadText(side.max, 1)];
      const ratio = ours.rps.median / base.rps.median;
      figure.table(
        ['server', 'req/s', 'p50 ms', 'p99 ms', 'max ms'],
        [
          row(ours),
          row(base),
          [
            'ratio Turnout / baseline',
            fmt(ratio, 2),
            fmt(ours.p50.median / base.p50.median, 2),
            fmt(ours.p99.median / base.p99.median, 2),
            '',
          ],
        ],
      );
      figure.check({
        name: 'req/s',
        value: `${fmt(ours.rps.median, 0)} req/s, p99 ${fmt(ours.p99.median, 2)} ms`,
        baseline: `${fmt(base.rps.median, 0)} req/s, p99 ${fmt(base.p99.median, 2)} ms`,
        ratio: `${fmt(ratio, 2)}×`,
        target: `≥ ${target}×`,
        met: ratio >= target,
      });
    },
    missed() {
      return figure.checks.some((c) => c.met === false);
    },
  };
  return figure;
}

const cell = (value) => String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');
const tableText = (columns, rows) =>
  [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
const metText = (met, quick) => (met === null ? 'not judged' : met ? 'met' : quick ? 'missed (quick run: not judged)' : '**missed**');

export function renderReport({ figures, machine, command, startedAt, durationS, quick, preface = [] }) {
  const lines = [];
  lines.push('# Turnout benchmarks', '');
  lines.push(
    `Written by \`${command}\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${Math.round(durationS)} s${quick ? ' — **quick smoke run: 1 short run per figure, fewer sockets; the numbers are not comparable with a full run and targets are not judged**' : ''}.`,
    '',
  );
  lines.push(tableText(['machine', ''], Object.entries(machine)), '');
  lines.push(...preface, '');
  lines.push('## Summary', '');
  const summaryRows = [];
  for (const f of figures) {
    if (f.status !== 'measured') {
      summaryRows.push([
        f.id,
        f.title,
        f.status === 'skipped' ? `not measured: ${f.reason}` : `error: ${f.reason.split('\n')[0]}`,
        '',
        '',
        '',
        '',
      ]);
      continue;
    }
    for (const c of f.checks)
      summaryRows.push([f.id, `${f.title}: ${c.name}`, c.value, c.baseline, c.ratio, c.target, metText(c.met, quick)]);
  }
  lines.push(tableText(['#', 'figure', 'Turnout', 'baseline (same run)', 'ratio', 'target', 'target'], summaryRows), '');
  const group = { 1: '1,2', 2: '1,2', 3: '3,4,6', 4: '3,4,6', 6: '3,4,6' };
  const day = startedAt.toISOString().slice(0, 10);
  for (const f of figures) {
    lines.push(`## ${f.id}. ${f.title}`, '');
    lines.push(
      `*Measured by \`${command}\` on ${day} (machine above); alone: \`npm run bench -- --only ${f.id}\`${group[f.id] ? ` (measures ${group[f.id]} together)` : ''}.*`,
      '',
    );
    if (f.status === 'skipped') lines.push(`Not measured: ${f.reason}`, '');
    if (f.status === 'error') lines.push('Failed with an error:', '', '```', f.reason.slice(0, 3000), '```', '');
    for (const e of f.errors) lines.push(`**Error:** ${e}`, '');
    for (const t of f.tables) {
      if (t.caption) lines.push(t.caption, '');
      lines.push(tableText(t.columns, t.rows), '');
    }
    if (f.checks.length > 0) {
      lines.push(...f.checks.map((c) => `- Target ${c.name} ${c.target}: ${c.ratio ? `${c.ratio} → ` : ''}${metText(c.met, quick)}.`), '');
    }
    for (const note of f.notes) lines.push(`${note}`, '');
    for (const p of f.profiles) {
      lines.push(
        `CPU profile of the server under the same load (\`node --cpu-prof\`, ${fmt(p.busyMs, 0)} ms busy; ${p.dir}), top self time:`,
        '',
        tableText(
          ['function', 'where', 'self ms', 'share of busy'],
          p.top.map((t) => [t.fn, t.where, fmt(t.selfMs, 0), `${(t.share * 100).toFixed(1)} %`]),
        ),
        '',
      );
      if (p.reading) lines.push(p.reading, '');
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
