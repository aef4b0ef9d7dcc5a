// Load side of the write-to-paint figure: two browser contexts in Debian's Chromium (Playwright).
// The writer page PATCHes the event with fetch; the viewer page, showing the event list, stamps
// the first animation frame after the new title enters its DOM (MutationObserver). Both stamps are
// performance.timeOrigin + performance.now(): one wall clock for both pages.
import { chromium } from 'playwright-core';

const input = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: input.chromePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
const page = async (cookie) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: input.origin }]);
  const p = await context.newPage();
  await p.goto(`${input.origin}/`);
  return p;
};
const writer = await page(input.writerCookie);
const viewer = await page(input.viewerCookie);
await viewer.getByText(input.initialTitle, { exact: false }).first().waitFor({ timeout: 30_000 });

let version = input.version;
const samples = [];
for (let k = 1; k <= input.samples + 2; k++) {
  const title = `Painted #${k}`;
  const seen = viewer.evaluate(
    (expected) =>
      new Promise((resolve) => {
        const found = () => document.body.textContent.includes(expected);
        const observer = new MutationObserver(() => {
          if (!found()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    title,
  );
  await viewer.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  const written = await writer.evaluate(
    async ({ eventId, title, version }) => {
      const at = performance.timeOrigin + performance.now();
      const response = await fetch(`/api/events/${eventId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, version }),
      });
      const body = await response.json();
      return { at, status: response.status, version: body.event?.version };
    },
    { eventId: input.eventId, title, version },
  );
  if (written.status !== 200) throw new Error(`PATCH from the page answered ${written.status}`);
  version = written.version;
  const paintedAt = await Promise.race([
    seen,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`"${title}" never appeared on the other page`)), 15_000)),
  ]);
  if (k > 2) samples.push(paintedAt - written.at); // the first two are warm-up
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await browser.close();
console.log(JSON.stringify({ result: { samples } }));
process.exit(0);
