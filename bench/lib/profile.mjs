// Summaries of V8 CPU profiles (node --cpu-prof): the functions with the most self time.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './turnout.mjs';

/** Node flags that write a CPU profile into `dir` when the process exits. */
export const cpuProfFlags = (dir) => ['--cpu-prof', `--cpu-prof-dir=${dir}`];

/** Top `limit` functions by self time across the profiles in `dir` (idle time left out). */
export function summarizeProfiles(dir, limit = 12) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile written in ${dir}`);
  const totals = new Map();
  let busyUs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfUs = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      const delta = profile.timeDeltas[i + 1] ?? 0;
      selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
    }
    for (const [id, us] of selfUs) {
      const { callFrame } = byId.get(id);
      if (callFrame.functionName === '(idle)') continue;
      busyUs += us;
      const where = callFrame.url ? `${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
      const key = `${callFrame.functionName || '(anonymous)'}|${where}`;
      totals.set(key, (totals.get(key) ?? 0) + us);
    }
  }
  return {
    busyMs: busyUs / 1000,
    top: [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, us]) => {
        const [fn, where] = key.split('|');
        return { fn, where, selfMs: us / 1000, share: us / busyUs };
      }),
  };
}

function shortUrl(url) {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
  return path.startsWith('/') ? relative(ROOT, path) : path;
}
