// Starts and stops the local MongoDB described by a plan, and says what it is doing.
import { mkdir } from 'node:fs/promises';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import type { MongoMemoryServerOpts } from 'mongodb-memory-server-core/lib/MongoMemoryServer.js';
import { MongoInstanceEvents } from 'mongodb-memory-server-core/lib/util/MongoInstance.js';
import type { LocalDatabaseView } from '@shared/contract';
import { obtainMongodBinary } from './binary';
import { isPortInUse, localDbError, type LocalDbError } from './errors';
import { mongoMemoryServerOptions, type LocalDbPlan } from './plan';
import { findFreeLoopbackPort } from './port';

export type LocalDbPhase = LocalDatabaseView['phase'];

/** What the local database is doing; the same shape as the contract's LocalDatabaseView. */
export interface LocalDbProgress {
  phase: LocalDbPhase;
  /** Download progress, 0 to 100, when known (only in the "downloading" phase). */
  percent: number | null;
  message: string;
}

/** The part of MongoMemoryServer the launcher uses (replaceable in tests). */
export interface LocalServer {
  start(): Promise<void>;
  stop(cleanup: { doCleanup: boolean; force: boolean }): Promise<unknown>;
  getUri(): string;
  /** Calls `listener` once when mongod exits, for whatever reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
}

export interface LocalDatabaseOptions {
  onProgress?: (progress: LocalDbProgress) => void;
  /** How many ports to try when the chosen one is taken before mongod binds it. */
  portAttempts?: number;
  createServer?: (options: MongoMemoryServerOpts) => LocalServer;
  obtainBinary?: typeof obtainMongodBinary;
  findPort?: () => Promise<number>;
}

export function createMongoMemoryServer(options: MongoMemoryServerOpts): LocalServer {
  const server = new MongoMemoryServer(options);
  return {
    start: () => server.start(),
    stop: (cleanup) => server.stop(cleanup),
    getUri: () => server.getUri(),
    onExit: (listener) => {
      server.instanceInfo?.instance.once(MongoInstanceEvents.instanceClosed, listener);
    },
  };
}

export class LocalDatabase {
  private server: LocalServer | null = null;
  private currentUri: string | null = null;
  private starting: Promise<{ uri: string }> | null = null;
  private stopping: Promise<void> | null = null;
  private last: LocalDbProgress = {
    phase: 'stopped',
    percent: null,
    message: 'The local database is not running.',
  };

  constructor(
    readonly plan: LocalDbPlan,
    private readonly options: LocalDatabaseOptions = {},
  ) {}

  /** The last thing reported through onProgress. */
  get progress(): LocalDbProgress {
    return { ...this.last };
  }

  /** The connection string while the database runs, else null. */
  get uri(): string | null {
    return this.currentUri;
  }

  /**
   * Starts mongod (downloading it first if the plan says so) and resolves with its connection
   * string. Safe to call again: while starting it returns the same promise, while running the
   * same URI, and after a failure it tries again (that is the "Retry").
   * @throws LocalDbError
   */
  async start(): Promise<{ uri: string }> {
    if (this.stopping) await this.stopping;
    if (this.server && this.currentUri) return { uri: this.currentUri };
    this.starting ??= this.run().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Stops mongod cleanly (SIGINT, then SIGKILL after 10 s), keeping the data folder. */
  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    this.stopping ??= this.halt().finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  private async halt(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.currentUri = null;
    await server.stop(this.plan.stopOptions);
    this.report({ phase: 'stopped', percent: null, message: 'The local database has stopped.' });
  }

  private async run(): Promise<{ uri: string }> {
    const { plan } = this;
    this.report({ phase: 'preparing', percent: null, message: 'Preparing the local database…' });
    try {
      await mkdir(plan.dbPath, { recursive: true });
    } catch (err) {
      throw this.fail(localDbError(err, 'data_folder', plan));
    }

    if (plan.binary.kind === 'download') {
      const { version } = plan.binary;
      const obtain = this.options.obtainBinary ?? obtainMongodBinary;
      try {
        await obtain(plan.binary, (percent) =>
          this.report({
            phase: 'downloading',
            percent,
            message:
              percent === null
                ? `Downloading MongoDB ${version} (once)…`
                : `Downloading MongoDB ${version} (once)… ${percent}%`,
          }),
        );
      } catch (err) {
        throw this.fail(localDbError(err, 'download', plan));
      }
    }

    this.report({ phase: 'starting', percent: null, message: 'Starting the local database…' });
    const createServer = this.options.createServer ?? createMongoMemoryServer;
    const findPort = this.options.findPort ?? (() => findFreeLoopbackPort(plan.ip));
    const attempts = Math.max(1, this.options.portAttempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      let server: LocalServer | null = null;
      try {
        const port = await findPort();
        server = createServer(mongoMemoryServerOptions(plan, port));
        await server.start();
        const uri = server.getUri();
        this.watch(server);
        this.server = server;
        this.currentUri = uri;
        this.report({
          phase: 'running',
          percent: null,
          message: `The local database is running on this computer (port ${port}).`,
        });
        return { uri };
      } catch (err) {
        // The library already stops what it spawned when start() fails; this is belt and braces.
        await server?.stop(plan.stopOptions).catch(() => undefined);
        if (isPortInUse(err) && attempt < attempts) continue;
        throw this.fail(localDbError(err, 'start', plan));
      }
    }
  }

  private watch(server: LocalServer): void {
    server.onExit((code, signal) => {
      if (this.server !== server) return; // stopped on purpose
      this.server = null;
      this.currentUri = null;
      void server.stop(this.plan.stopOptions).catch(() => undefined);
      this.report({
        phase: 'failed',
        percent: null,
        message: `The local database stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}). Retry to start it again, or use a MongoDB connection string (such as Atlas) in Settings.`,
      });
    });
  }

  private fail(error: LocalDbError): LocalDbError {
    this.report({ phase: 'failed', percent: null, message: error.message });
    return error;
  }

  private report(progress: LocalDbProgress): void {
    this.last = progress;
    try {
      this.options.onProgress?.({ ...progress });
    } catch {
      // A broken listener must not stop the database.
    }
  }
}
