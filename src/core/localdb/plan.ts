// Decides, without touching anything, how the local database is started: which mongod, where its
// data lives, and the exact options handed to mongodb-memory-server-core.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MongoMemoryServerOpts } from 'mongodb-memory-server-core/lib/MongoMemoryServer.js';
import { findExecutableOnPath } from './findOnPath';

/**
 * The MongoDB version downloaded when no mongod is installed. Pinned here, not left to the
 * library's default, so that upgrading the library never silently changes the server that opens
 * the data folder (data files written by a newer MongoDB cannot be opened by an older one).
 * 8.2.6 is mongodb-memory-server-core 11.3's own default, the build it is tested against.
 */
export const LOCAL_MONGODB_VERSION = '8.2.6';

/** Environment variable naming a mongod program to use instead of the one on the PATH or a download. */
export const MONGOD_ENV_VAR = 'LEAD_ENRICHER_MONGOD';

/** How long mongod may take to say it is ready; the first start of a WiredTiger folder can be slow. */
export const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * Extra mongod arguments: a desktop app keeps little data, so cap the WiredTiger cache (the default is
 * half the RAM) and do not collect diagnostic data (up to 200 MB of files in the data folder).
 */
export const MONGOD_EXTRA_ARGS: readonly string[] = [
  '--wiredTigerCacheSizeGB',
  '0.25',
  '--setParameter',
  'diagnosticDataCollectionEnabled=false',
];

export type BinarySource =
  /** The program named by LEAD_ENRICHER_MONGOD. */
  | { kind: 'env'; path: string }
  /** A mongod already installed on this computer, found on the PATH. */
  | { kind: 'path'; path: string }
  /** Downloaded once by mongodb-memory-server-core into `downloadDir`, then reused. */
  | { kind: 'download'; version: string; downloadDir: string };

export interface LocalDbPlan {
  binary: BinarySource;
  /** `<userDataDir>/mongodb`: everything the local database keeps. */
  rootDir: string;
  /** `<userDataDir>/mongodb/data`: the persistent WiredTiger data folder. */
  dbPath: string;
  /** Loopback only: nothing outside this computer can reach the server, so it runs without auth. */
  ip: '127.0.0.1';
  storageEngine: 'wiredTiger';
  /** Arguments added after the ones the library derives (--port, --dbpath, --storageEngine, --bind_ip, --noauth). */
  args: string[];
  launchTimeoutMs: number;
  /** How the server is stopped: the data folder is kept (never cleaned up, never forced). */
  stopOptions: { doCleanup: false; force: false };
  /** Things a person may want to know (an override that points nowhere). */
  warnings: string[];
}

export interface PlanInput {
  /** The app's user-data folder (Electron's app.getPath('userData')). */
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  /** Finds a program on the PATH; defaults to a real lookup in `env.PATH`. */
  findOnPath?: (name: string) => string | undefined;
  /** Whether a file exists; defaults to fs.existsSync. */
  exists?: (path: string) => boolean;
}

export function planLocalDatabase(input: PlanInput): LocalDbPlan {
  const { userDataDir, env } = input;
  const exists = input.exists ?? existsSync;
  const findOnPath = input.findOnPath ?? ((name: string) => findExecutableOnPath(name, env));
  const rootDir = join(userDataDir, 'mongodb');
  const warnings: string[] = [];

  let binary: BinarySource | undefined;
  const override = env[MONGOD_ENV_VAR]?.trim();
  if (override) {
    if (exists(override)) binary = { kind: 'env', path: override };
    else warnings.push(`${MONGOD_ENV_VAR} is set to "${override}", which does not exist; it is ignored.`);
  }
  if (!binary) {
    const onPath = findOnPath('mongod');
    if (onPath) binary = { kind: 'path', path: onPath };
  }
  binary ??= { kind: 'download', version: LOCAL_MONGODB_VERSION, downloadDir: join(rootDir, 'binaries') };

  return {
    binary,
    rootDir,
    dbPath: join(rootDir, 'data'),
    ip: '127.0.0.1',
    storageEngine: 'wiredTiger',
    args: [...MONGOD_EXTRA_ARGS],
    launchTimeoutMs: LAUNCH_TIMEOUT_MS,
    stopOptions: { doCleanup: false, force: false },
    warnings,
  };
}

/** The binary options: a program to run as is, or the pinned version in the app's download folder. */
export function binaryOptions(plan: LocalDbPlan): NonNullable<MongoMemoryServerOpts['binary']> {
  const { binary } = plan;
  if (binary.kind === 'download') {
    return { version: binary.version, downloadDir: binary.downloadDir, checkMD5: true };
  }
  // The version only serves the library's "possible version conflict" warning for a system binary.
  return { version: LOCAL_MONGODB_VERSION, systemBinary: binary.path };
}

/**
 * The exact options handed to `new MongoMemoryServer(...)`. The port is found beforehand on the
 * loopback interface and used as is (portGeneration: false), so the library never probes ports on
 * every interface (which can raise a firewall prompt on Windows).
 */
export function mongoMemoryServerOptions(plan: LocalDbPlan, port: number): MongoMemoryServerOpts {
  return {
    instance: {
      port,
      portGeneration: false,
      ip: plan.ip,
      dbPath: plan.dbPath,
      storageEngine: plan.storageEngine,
      args: [...plan.args],
      launchTimeout: plan.launchTimeoutMs,
    },
    binary: binaryOptions(plan),
    // `await using` must not remove anything either.
    dispose: { enabled: true, cleanup: { ...plan.stopOptions } },
  };
}
