// Load side of the web figure: Lighthouse (desktop preset) on one URL in Debian's Chromium,
// launched by chrome-launcher on the load core. Prints {"result": {performance, accessibility, …}}.
import { once } from 'node:events';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import WebSocket from 'ws';

const input = JSON.parse(process.argv[2]);

/**
 * Puts the session cookie into the browser's cookie jar, where a logged-in browser keeps it. (Sent as
 * an extra header instead, it would be dropped as soon as the page sets a cookie of its own, such as
 * the signed-in hint: Chrome then sends its jar in place of the extra Cookie header.)
 */
async function setSessionCookie(port, url, cookie) {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const socket = new WebSocket(webSocketDebuggerUrl);
  await once(socket, 'open');
  const separator = cookie.indexOf('=');
  const params = {
    cookies: [{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url, httpOnly: true, sameSite: 'Lax' }],
  };
  socket.send(JSON.stringify({ id: 1, method: 'Storage.setCookies', params }));
  const [message] = await once(socket, 'message');
  socket.close();
  const reply = JSON.parse(String(message));
  if (reply.error) throw new Error(`Storage.setCookies: ${reply.error.message}`);
}

const chrome = await chromeLauncher.launch({
  chromePath: input.chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  logLevel: 'silent',
});
try {
  if (input.cookie) await setSessionCookie(chrome.port, input.url, input.cookie);
  const runner = await lighthouse(
    input.url,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
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
