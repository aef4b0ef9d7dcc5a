// Child processes of the benchmark: pinned to a core with taskset when it exists, stopped by pid.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';

export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
const cores = (await import('node:os')).cpus().length;

/** Whether processes are really pinned; reported with every figure. */
export const pinning = hasTaskset && cores >= 2 ? 'taskset' : hasTaskset ? 'taskset (1 core: not separated)' : 'none (taskset missing)';

/** The argv that runs `command` on `core` (unpinned when taskset is missing or the machine has one core). */
export function pinned(core, command, args) {
  if (!hasTaskset || cores < 2) return [command, args];
  return ['taskset', ['-c', String(core), command, ...args]];
}

/** Pins this process (the orchestrator) to the load core, leaving the server core to the server. */
export function pinSelf(core) {
  if (hasTaskset && cores >= 2) spawnSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}

const live = new Set();

/** Kills every child this process started that is still running (on an interrupt). */
export function killChildren() {
  for (const child of live) child.kill('SIGKILL');
}

/**
 * Starts a pinned child; stdout and stderr are kept (last 64 KB) for error messages.
 * `onLine` sees each stdout line as it arrives.
 */
export function start(core, command, args, { env = {}, cwd, onLine, onStderrLine, stdin = 'ignore' } = {}) {
  const [cmd, argv] = pinned(core, command, args);
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const output = { stdout: '', stderr: '' };
  const keep = (key, chunk) => {
    output[key] = (output[key] + chunk).slice(-65_536);
  };
  lineReader(child.stdout, (line) => {
    keep('stdout', `${line}\n`);
    onLine?.(line);
  });
  lineReader(child.stderr, (line) => {
    keep('stderr', `${line}\n`);
    onStderrLine?.(line);
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  return {
    child,
    output,
    exited,
    /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function lineReader(stream, onLine) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let index = buffer.indexOf('\n');
    while (index >= 0) {
      onLine(buffer.slice(0, index));
      buffer = buffer.slice(index + 1);
      index = buffer.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (buffer) onLine(buffer);
  });
}

/**
 * Runs a Node script of the load side (pinned to the load core) that prints one JSON line
 * `{"result": …}` and exits 0; anything else is an error carrying its output.
 */
export async function runLoad(script, input, { timeoutMs = 300_000, onMessage, stdin } = {}) {
  let result;
  const proc = start(LOAD_CORE, process.execPath, [script, JSON.stringify(input)], {
    stdin: stdin ? 'pipe' : 'ignore',
    onLine(line) {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line);
      if ('result' in message) result = message.result;
      else onMessage?.(message, proc);
    },
  });
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  if (code !== 0 || result === undefined) {
    throw new Error(`${script} failed (exit ${code ?? signal}):\n${proc.output.stderr.slice(-4000)}${proc.output.stdout.slice(-2000)}`);
  }
  return result;
}

/** Polls `url` until it answers 200 (or `timeoutMs` passes, then throws with the process output). */
export async function waitForHttp(url, { timeoutMs = 60_000, intervalMs = 20, proc } = {}) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`process exited before ${url} answered:\n${proc.output.stderr.slice(-4000)}${proc.output.stdout.slice(-2000)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms${proc ? `:\n${proc.output.stderr.slice(-4000)}` : ''}`);
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const { createServer } = await import('node:net');
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}
