// Bundles the server into dist/server.js (or <dir>/server.js: `node scripts/build.mjs <dir>`, a
// directory inside apps/server so the bundle still finds node_modules). Dependencies stay external
// (installed by npm); the workspace contracts package is bundled in, and migrations are copied
// beside the bundle.
import { cp, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
const outDir = process.argv[2] ? pathToFileURL(`${resolve(process.argv[2])}/`) : new URL('dist/', root);

await rm(outDir, { recursive: true, force: true });
await build({
  entryPoints: [new URL('src/server.ts', root).pathname],
  outfile: new URL('server.js', outDir).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
await cp(new URL('src/db/migrations', root), new URL('migrations', outDir), { recursive: true });
console.log(`server built: ${new URL('server.js', outDir).pathname}`);
