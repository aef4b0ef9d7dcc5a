// The ceiling for the fan-out figures: a bare Socket.IO server that does nothing but broadcast.
// `PATCH /api/events/:id {title, version}` changes an in-memory event shaped like Turnout's
// and broadcasts `event:updated {event}` to every socket, answering `{event}` as Turnout does.
// No auth, no database: what is left is Socket.IO's own cost. Usage: node bare-socketio.mjs <port>
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const now = new Date().toISOString();
const event = {
  id: '00000000-0000-4000-8000-000000000001',
  organizerId: '00000000-0000-4000-8000-000000000002',
  organizerName: 'bench_o_1',
  title: 'Bench event',
  description: 'Measured.',
  location: 'Hall 1',
  startsAt: now,
  endsAt: now,
  timezone: 'Europe/Berlin',
  durationMinutes: 60,
  capacity: null,
  joinedCount: 0,
  waitlistCount: 0,
  version: 1,
  createdAt: now,
  updatedAt: now,
};

function send(response, status, body, type = 'application/json; charset=utf-8') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer((request, response) => {
  if (request.url === '/readyz') return send(response, 200, { status: 'ok' });
  if (request.url === '/metrics') {
    const memory = process.memoryUsage();
    return send(
      response,
      200,
      `nodejs_heap_size_used_bytes ${memory.heapUsed}\nprocess_resident_memory_bytes ${memory.rss}\n`,
      'text/plain',
    );
  }
  if (request.method === 'PATCH' && request.url.startsWith('/api/events/')) {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const input = JSON.parse(body);
      event.title = input.title;
      event.version += 1;
      event.updatedAt = new Date().toISOString();
      io.emit('event:updated', { event });
      send(response, 200, { event });
    });
    return;
  }
  send(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
});
const io = new Server(server, { transports: ['websocket'], serveClient: false });
server.listen(port, '127.0.0.1');
