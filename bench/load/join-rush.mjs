// Load side of the join rush: every joiner's `PUT /api/events/:id/participation` sent at once.
// Connections are opened (and kept alive) before the rush, so the listen backlog plays no part.
// Prints {"result": {wallMs, joinsPerSecond, latency, statuses, joined, positions}}.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { latencyHistogram, latencySummary } from '../lib/stats.mjs';

const input = JSON.parse(process.argv[2]);
const cookies = JSON.parse(readFileSync(input.cookiesFile, 'utf8')).slice(0, input.joiners);
const { hostname, port } = new URL(input.origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length, maxFreeSockets: cookies.length });

function request(method, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Open one kept-alive connection per joiner.
await Promise.all(cookies.map(() => request('GET', '/healthz')));

const histogram = latencyHistogram();
const started = performance.now();
const answers = await Promise.all(
  cookies.map(async (cookie) => {
    const at = performance.now();
    const answer = await request('PUT', `/api/events/${input.eventId}/participation`, { cookie, origin: input.origin });
    histogram.recordValue(Math.max(1, Math.round((performance.now() - at) * 1000)));
    return answer;
  }),
);
const wallMs = performance.now() - started;
agent.destroy();

const statuses = {};
const mine = { joined: 0, waitlisted: 0 };
const positions = [];
for (const answer of answers) {
  statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  if (answer.status !== 200) continue;
  const { participation } = JSON.parse(answer.body);
  mine[participation.status]++;
  if (participation.status === 'waitlisted') positions.push(participation.position);
}
positions.sort((a, b) => a - b);
const firstError = answers.find((a) => a.status !== 200);
console.log(
  JSON.stringify({
    result: {
      wallMs,
      joinsPerSecond: (cookies.length / wallMs) * 1000,
      latency: latencySummary(histogram),
      statuses,
      mine,
      positionsAreOneToN: positions.every((p, i) => p === i + 1),
      firstError: firstError ? `${firstError.status} ${firstError.body.slice(0, 300)}` : null,
    },
  }),
);
