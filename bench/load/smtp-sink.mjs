// The mail figure's SMTP server (smtp-server on 127.0.0.1, any login accepted, no parsing: the
// envelope names the recipient). Prints {"listening": port}; then, for every line
// {"expect": N} on stdin, counts the next N messages and prints
// {"done": {count, firstAt, lastAt, recipients, duplicates, byUser}} (times: epoch ms, this clock).
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

const now = () => performance.timeOrigin + performance.now();
let run;

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const rcptTo = session.envelope.rcptTo.map(({ address }) => address.toLowerCase());
    const user = session.user ?? 'anonymous';
    stream.on('end', () => {
      callback();
      if (!run) return;
      const at = now();
      run.firstAt ??= at;
      run.lastAt = at;
      run.count += 1;
      for (const to of rcptTo) run.recipients.set(to, (run.recipients.get(to) ?? 0) + 1);
      run.byUser[user] = (run.byUser[user] ?? 0) + 1;
      if (run.count === run.expected) finish();
    });
    stream.resume();
  },
});

function finish() {
  const { count, firstAt, lastAt, recipients, byUser } = run;
  const duplicates = [...recipients.values()].filter((n) => n > 1).length;
  console.log(JSON.stringify({ done: { count, firstAt, lastAt, recipients: recipients.size, duplicates, byUser } }));
  run = undefined;
}

server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.server.address().port }));
});

createInterface({ input: process.stdin }).on('line', (line) => {
  const { expect } = JSON.parse(line);
  run = { expected: expect, count: 0, firstAt: undefined, lastAt: undefined, recipients: new Map(), byUser: {} };
  console.log(JSON.stringify({ expecting: expect }));
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
