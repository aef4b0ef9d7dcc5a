import { readFileSync, readlinkSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';

export interface DataDirLock {
  release(): Promise<void>;
}

/** Who holds a DATA_DIR: enough to tell a live holder from a dead one on this same machine and PID namespace. */
interface Holder {
  host: string;
  boot: string;
  pidNamespace: string;
  pid: number;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: Holder | undefined) {
    const who = holder ? ` (host ${holder.host}, pid ${holder.pid}, since ${holder.since})` : '';
    super(
      `DATA_DIR ${dataDir} is in use by another Turnout process${who}. ` +
        'The embedded database allows one process per directory: stop the other process, ' +
        'use another DATA_DIR, or set DATABASE_URL to run several processes on PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** The lease is renewed every UPDATE_MS; one not renewed for STALE_MS belongs to a process that is gone. */
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;

const readOr = (read: () => string, fallback: string) => {
  try {
    return read().trim();
  } catch {
    return fallback;
  }
};

function me(): Holder {
  return {
    host: hostname(),
    boot: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'), 'unknown'),
    pidNamespace: readOr(() => readlinkSync('/proc/self/ns/pid'), 'unknown'),
    pid: process.pid,
    since: new Date().toISOString(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A holder is known dead only when it ran on this boot of this host in this PID namespace and its pid is gone. */
function isDeadHere(holder: Holder | undefined, self: Holder): boolean {
  if (!holder || holder.host !== self.host || holder.boot !== self.boot || holder.pidNamespace !== self.pidNamespace) return false;
  return holder.pid !== self.pid && !isAlive(holder.pid);
}

/**
 * Takes an exclusive lease on the embedded database's directory (PGlite has no lock of its own,
 * and two processes on one directory corrupt it). The lease is proper-lockfile's: a directory
 * created atomically in DATA_DIR whose mtime the holder renews every 2 s. It is taken over only
 * once it is stale (10 s without renewal), or at once when its holder is a dead process of this
 * same host and PID namespace (a kill -9). A pid alone cannot tell: a process in another container
 * (another PID namespace) on the same volume sees no such pid and would think the holder dead.
 *
 * A start-up that finds the lease held waits up to `waitMs` for it to go stale, then refuses.
 * Should the lease be lost while held (the directory removed, the disk frozen past 10 s), the
 * process stops at once rather than go on writing beside another one.
 */
export async function acquireDataDirLock(dataDir: string, { waitMs = STALE_MS + UPDATE_MS } = {}): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const lease = join(dataDir, 'turnout.lease');
  const holderFile = join(dataDir, 'turnout.lease.json');
  const self = me();
  const readHolder = async () =>
    readFile(holderFile, 'utf8').then(
      (text) => JSON.parse(text) as Holder,
      () => undefined,
    );
  const options = {
    lockfilePath: lease,
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    onCompromised(error: Error) {
      console.error(`The lease on DATA_DIR ${dataDir} was lost (${error.message}); stopping before another process writes there too.`);
      process.exit(1);
    },
  };

  const deadline = Date.now() + waitMs;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(dataDir, options);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    const holder = await readHolder();
    const renewedAt = await stat(lease).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    // Not renewed for more than one period, by a process known dead: a crash, take it over now.
    if (isDeadHere(holder, self) && renewedAt < Date.now() - UPDATE_MS - 1_000) {
      await rm(lease, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, holder);
    await sleep(500);
  }
  await writeFile(holderFile, `${JSON.stringify(self)}\n`);
  // proper-lockfile removes the lease when the process exits; the holder note goes with it.
  const dropHolderNote = () => rmSync(holderFile, { force: true });
  process.once('exit', dropHolderNote);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      process.off('exit', dropHolderNote);
      await rm(holderFile, { force: true });
      await release();
    },
  };
}
