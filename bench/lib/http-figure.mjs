// One HTTP comparison: the same request against Turnout and a baseline, warm-up discarded,
// runs alternated between the two, each side's median with its min–max.
import { isDeepStrictEqual } from 'node:util';
import { LOAD_CORE, runLoad } from './proc.mjs';
import { spread } from './stats.mjs';

const HTTP_LOAD = new URL('../load/http-load.mjs', import.meta.url).pathname;

export async function loadOnce(url, headers, seconds, connections) {
  const result = await runLoad(HTTP_LOAD, { url, headers, duration: seconds, connections });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)})`,
    );
  }
  return result;
}

/** Both servers must answer the same JSON (key order aside) before their speed is compared. */
export async function assertSameAnswer(urlA, urlB, headers) {
  const [a, b] = await Promise.all(
    [urlA, urlB].map(async (url) => {
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      return response.json();
    }),
  );
  if (!isDeepStrictEqual(a, b)) {
    throw new Error(
      `the baseline does not answer what Turnout answers for ${new URL(urlA).pathname} (update bench/baselines/raw-api.mjs to do the same work, or the comparison is not fair):\n${JSON.stringify(a).slice(0, 600)}\n---\n${JSON.stringify(b).slice(0, 600)}`,
    );
  }
  return a;
}

/**
 * `sides`: [{name, url}] (Turnout first). Returns per side the spreads of rps, p50, p99, max.
 */
export async function compareHttp({ sides, headers, options, connections = 32 }) {
  for (const side of sides) await loadOnce(side.url, headers, options.warmupSeconds, connections);
  const runs = sides.map(() => []);
  for (let r = 0; r < options.runs; r++) {
    // Alternate which side goes first, so a drift of the machine falls on both.
    const order = r % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => i).reverse();
    for (const i of order) runs[i].push(await loadOnce(sides[i].url, headers, options.seconds, connections));
  }
  return sides.map((side, i) => ({
    name: side.name,
    rps: spread(runs[i].map((x) => x.rps)),
    p50: spread(runs[i].map((x) => x.p50)),
    p99: spread(runs[i].map((x) => x.p99)),
    max: spread(runs[i].map((x) => x.max)),
    loadCpu: spread(runs[i].map((x) => x.loadCpu)),
  }));
}

export { LOAD_CORE };
