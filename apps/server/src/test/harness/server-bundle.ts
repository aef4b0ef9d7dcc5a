import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoPath } from './deploy-files';

/**
 * The production bundle (what `npm run build` writes to dist/), built into a directory of its own
 * inside apps/server, where it still resolves node_modules: tests run what the image runs without
 * depending on, or disturbing, a dist/ of the developer's.
 */
export async function buildServerBundle(): Promise<{ entry: string; remove(): Promise<void> }> {
  const dir = join(repoPath('apps/server/node_modules/.cache/turnout-bundles'), randomBytes(4).toString('hex'));
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', dir], { cwd: repoPath('apps/server') });
  return { entry: join(dir, 'server.js'), remove: () => rm(dir, { recursive: true, force: true }) };
}
