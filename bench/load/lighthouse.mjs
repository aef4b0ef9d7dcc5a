// Load side of the web figure: Lighthouse (desktop preset) on one URL in Debian's Chromium,
// launched by chrome-launcher on the load core. Prints {"result": {performance, accessibility, …}}.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const input = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({
  chromePath: input.chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  logLevel: 'silent',
});
try {
  const runner = await lighthouse(
    input.url,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      extraHeaders: input.cookie ? { cookie: input.cookie } : undefined,
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    },
    desktopConfig,
  );
  const { lhr } = runner;
  const score = (id) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
  const failing = (id) =>
    lhr.categories[id].auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => `${ref.id}${lhr.audits[ref.id].displayValue ? ` (${lhr.audits[ref.id].displayValue})` : ''}`);
  console.log(
    JSON.stringify({
      result: {
        finalUrl: lhr.finalDisplayedUrl,
        runtimeError: lhr.runtimeError?.message ?? null,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        lcpMs: lhr.audits['largest-contentful-paint']?.numericValue,
        tbtMs: lhr.audits['total-blocking-time']?.numericValue,
        cls: lhr.audits['cumulative-layout-shift']?.numericValue,
        failing: { performance: failing('performance'), accessibility: failing('accessibility'), bestPractices: failing('best-practices') },
      },
    }),
  );
} finally {
  await chrome.kill();
}
process.exit(0);
