import { freePort } from '@kmop/kube-sim';
import { execFile, execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's `postgresql` package puts a server's programs. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

export const POSTGRES_MISSING =
  "PostgreSQL's server programs (initdb, pg_ctl, postgres, psql) were not found in " +
  `${DEBIAN_ROOT}/<version>/bin or on PATH. Install Debian's PostgreSQL: ` +
  '`apt-get install -y postgresql` (bash .ci/run does it). This test starts a server of ' +
  'its own in a temporary directory; it does not use a running one.';

/** A PostgreSQL server this process started, on 127.0.0.1, with trust authentication. */
export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  /** Runs one SQL statement with psql and returns its unaligned rows. */
  query(database: string, sql: string): Promise<string[]>;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter(v => existsSync(join(DEBIAN_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return join(DEBIAN_ROOT, versions[0], 'bin');
  // Other distributions put them on PATH.
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (
      dir &&
      existsSync(join(dir, 'initdb')) &&
      existsSync(join(dir, 'pg_ctl'))
    ) {
      return dir;
    }
  }
  throw new Error(POSTGRES_MISSING);
}

// postgres refuses to run as root: as root, run it as Debian's `postgres` user
// (the package creates it), or as `nobody` without it.
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
      return { uid, gid };
    } catch {
      // no such user; try the next
    }
  }
  throw new Error(
    'Running as root and found neither a `postgres` nor a `nobody` user to run PostgreSQL as',
  );
}

/**
 * Starts a throwaway PostgreSQL server (initdb into a temporary directory,
 * pg_ctl start on a free port of 127.0.0.1). Fails with how to install
 * PostgreSQL when its programs are not there.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findBinDir();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'kmop-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const asOwner = { ...owner, cwd: dir, env: { ...process.env, LC_ALL: 'C' } };
  const port = await freePort();
  const user = 'postgres';
  await run(
    join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      user,
      '--auth=trust',
      '--no-locale',
      '-E',
      'UTF8',
      '--no-sync',
    ],
    asOwner,
  );
  // fsync off: the data is thrown away; the socket directory is ours, not /var/run.
  await run(
    join(bin, 'pg_ctl'),
    [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -h 127.0.0.1 -k ${dir} -F`,
      'start',
    ],
    asOwner,
  );
  return {
    host: '127.0.0.1',
    port,
    user,
    async query(database, sql) {
      const { stdout } = await run(join(bin, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        user,
        '-d',
        database,
        '-Atc',
        sql,
      ]);
      return stdout.split('\n').filter(line => line !== '');
    },
    async stop() {
      try {
        await run(
          join(bin, 'pg_ctl'),
          ['-D', data, '-m', 'immediate', '-w', 'stop'],
          asOwner,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
