#!/usr/bin/env node
// `npm run dev`: the server (restarting on change, port 3000) and Vite's dev server (port 5173,
// proxying /api and /socket.io to the server). Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npm', ['run', 'dev', '-w', '@turnout/server'], {
    stdio: 'inherit',
    env: { ...process.env, ALLOWED_ORIGINS: 'http://localhost:5173' },
  }),
  spawn('npm', ['run', 'dev', '-w', '@turnout/web'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
