// A child process that speaks one JSON object a line on stdout and takes JSON lines on stdin
// (the mail figures' SMTP sink and direct-to-SMTP baselines, the notification client).
import { start } from './proc.mjs';

/** A child speaking one JSON object a line: `next(key)` resolves with the next line holding `key`. */
export function jsonChild(core, args, options = {}) {
  const waiting = [];
  const proc = start(core, process.execPath, args, {
    ...options,
    stdin: 'pipe',
    onLine(line) {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line);
      const i = waiting.findIndex((w) => w.key in message);
      if (i < 0) return;
      const [w] = waiting.splice(i, 1);
      clearTimeout(w.timer);
      w.resolve(message[w.key]);
    },
  });
  void proc.exited.then(({ code, signal }) => {
    for (const w of waiting.splice(0)) {
      w.reject(new Error(`${args.at(-2) ?? args[0]} exited (${code ?? signal}):\n${proc.output.stderr.slice(-4000)}`));
    }
  });
  return {
    ...proc,
    next(key, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const entry = { key, resolve, reject };
        waiting.push(entry);
        entry.timer = setTimeout(() => {
          const i = waiting.indexOf(entry);
          if (i < 0) return;
          waiting.splice(i, 1);
          reject(new Error(`no "${key}" within ${timeoutMs} ms:\n${proc.output.stderr.slice(-2000)}${proc.output.stdout.slice(-2000)}`));
        }, timeoutMs);
      });
    },
    send(message) {
      proc.child.stdin.write(`${JSON.stringify(message)}\n`);
    },
    async close() {
      proc.child.stdin.end();
      return proc.stop();
    },
  };
}
