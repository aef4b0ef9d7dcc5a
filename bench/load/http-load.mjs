// Load side of the HTTP figures: autocannon against one URL, printing one JSON line
// {"result": {rps, p50, p99, max, …}} (latency from autocannon's HDR histogram, in ms).
import autocannon from 'autocannon';

const input = JSON.parse(process.argv[2]);
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: input.url,
  method: input.method ?? 'GET',
  headers: input.headers ?? {},
  connections: input.connections ?? 32,
  pipelining: 1,
  duration: input.duration,
  timeout: 10,
});
const cpu = process.cpuUsage(cpuBefore);
const seconds = input.duration;
console.log(
  JSON.stringify({
    result: {
      rps: result.requests.total / seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: result.statusCodeStats,
      loadCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    },
  }),
);
