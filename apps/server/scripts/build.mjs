// Bundles the server into dist/server.js. Dependencies stay external (installed by npm);
// the workspace contracts package is bundled in, and migrations are copied beside the bundle.
import { cp, readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});

await rm(new URL('dist', root), { recursive: true, force: true });
await build({
  entryPoints: [new URL('src/server.ts', root).pathname],
  outfile: new URL('dist/server.js', root).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
await cp(new URL('src/db/migrations', root), new URL('dist/migrations', root), { recursive: true });
console.log('server built: apps/server/dist/server.js');
