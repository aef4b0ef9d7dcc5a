// Full garbage collection in a server started with --inspect=127.0.0.1:0, through the DevTools
// protocol (HeapProfiler.collectGarbage): the server needs no GC hook of its own, and the
// inspector is only open in the benchmark's memory run.
import WebSocket from 'ws';

export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

export function inspectorUrl(stderr) {
  const match = stderr.match(/Debugger listening on (ws:\/\/\S+)/);
  if (!match) throw new Error(`no inspector URL in the server's output:\n${stderr.slice(-2000)}`);
  return match[1];
}

export async function collectGarbage(url, times = 2) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const call = (method) =>
    new Promise((resolve, reject) => {
      const mine = ++id;
      const onMessage = (data) => {
        const message = JSON.parse(String(data));
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  for (let i = 0; i < times; i++) await call('HeapProfiler.collectGarbage');
  socket.close();
}

/** Heap used and RSS (bytes) from a Prometheus /metrics text. */
export async function readMemory(origin) {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const metric = (name) => {
    const match = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm'));
    if (!match) throw new Error(`${name} is not in ${origin}/metrics`);
    return Number(match[1]);
  };
  return { heapUsed: metric('nodejs_heap_size_used_bytes'), rss: metric('process_resident_memory_bytes') };
}
