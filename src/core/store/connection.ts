// The database connection of the running app: connects with a timeout, reports its state
// (connecting / connected / disconnected / error) as it changes, follows the driver as it reconnects
// after a drop, and switches to another database without a restart.
import type { DatabaseState } from '@shared/contract';
import { CoreError } from '../errors';
import { openDatabase, type Database } from './database';
import { connectionHostLabel } from './connectionString';

export interface ConnectionTarget {
  uri: string;
  dbName?: string;
  /** How to name it to the person: the host, or "this computer". */
  label?: string;
}

export interface ConnectionSnapshot {
  state: DatabaseState;
  message: string | null;
  target: string | null;
}

export class ConnectionManager {
  private database: Database | null = null;
  private target: ConnectionTarget | null = null;
  private opening: Promise<Database> | null = null;
  private state: DatabaseState = 'not_configured';
  private message: string | null;
  /** Bumped on each switch, so a late answer from an old attempt is ignored. */
  private generation = 0;

  constructor(
    private readonly options: {
      timeoutMs?: number;
      notConfiguredMessage: string;
      onChange?: (snapshot: ConnectionSnapshot) => void;
      onConnected?: (database: Database) => void;
      log?: (message: string) => void;
    },
  ) {
    this.message = options.notConfiguredMessage;
  }

  get snapshot(): ConnectionSnapshot {
    return { state: this.state, message: this.message, target: this.target ? label(this.target) : null };
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  /**
   * Switches to this target (null: none configured, with why). The old connection is closed first;
   * work asking for the database meanwhile waits for the new one or fails with the reason.
   */
  async use(target: ConnectionTarget | null, waitingMessage?: string): Promise<void> {
    await this.switchTo(target, waitingMessage);
    // Nobody awaits this attempt: a failure is logged, and shown by the state.
    if (target) await this.open(true).catch(() => undefined);
  }

  /**
   * Like use(), for a caller that cannot go on without the database (the command line): a failure is
   * thrown to it, to report, and not logged here as well.
   */
  async connect(target: ConnectionTarget): Promise<Database> {
    await this.switchTo(target);
    return this.open(false);
  }

  private async switchTo(target: ConnectionTarget | null, waitingMessage?: string): Promise<void> {
    this.generation++;
    const old = this.database;
    this.database = null;
    this.opening = null;
    this.target = target;
    // From now on the old database is not the one in use, even while it closes.
    if (target) this.set('connecting', `Connecting to ${label(target)}…`);
    await old?.close().catch(() => undefined);
    if (!target) this.set('not_configured', waitingMessage ?? this.options.notConfiguredMessage);
  }

  /** Puts the manager in "connecting" with a message while the caller prepares a target (the local database). */
  pending(message: string): void {
    this.set('connecting', message);
  }

  /** Reports a failure that happened before there was anything to connect to (the local database). */
  failed(message: string): void {
    this.set('error', message);
  }

  /** The open database, connecting first if needed; a CoreError that says why when it cannot. */
  get(): Promise<Database> {
    return this.open(true);
  }

  /** report: log a failure of this attempt (nobody else may hear of it). */
  private async open(report: boolean): Promise<Database> {
    if (this.database) return this.database;
    const target = this.target;
    if (!target) {
      throw new CoreError(
        this.state === 'error' ? 'db_unavailable' : 'not_configured',
        this.message ?? 'No database',
      );
    }
    if (this.opening) return this.opening;
    const generation = this.generation;
    this.set('connecting', `Connecting to ${label(target)}…`);
    this.opening = openDatabase(target.uri, { timeoutMs: this.options.timeoutMs, dbName: target.dbName })
      .then(async (database) => {
        if (generation !== this.generation) {
          await database.close().catch(() => undefined);
          throw new CoreError('db_unavailable', 'The database was switched while connecting');
        }
        this.database = database;
        this.watch(database, generation);
        this.set('connected', null);
        this.options.onConnected?.(database);
        return database;
      })
      .catch((err: unknown) => {
        if (generation === this.generation) {
          this.opening = null;
          const message = err instanceof Error ? err.message : String(err);
          this.set('error', message);
          if (report) this.options.log?.(message);
        }
        throw err;
      });
    return this.opening;
  }

  async close(): Promise<void> {
    this.generation++;
    const old = this.database;
    this.database = null;
    this.opening = null;
    await old?.close().catch(() => undefined);
  }

  /** The driver reconnects by itself after a drop; the state follows it. */
  private watch(database: Database, generation: number): void {
    const current = () => generation === this.generation;
    database.connection.on('disconnected', () => {
      if (current()) this.set('disconnected', 'The connection to the database was lost: reconnecting…');
    });
    database.connection.on('reconnected', () => {
      if (current()) this.set('connected', null);
    });
    database.connection.on('connected', () => {
      if (current() && this.state !== 'connected') this.set('connected', null);
    });
  }

  private set(state: DatabaseState, message: string | null): void {
    if (state === this.state && message === this.message) return;
    this.state = state;
    this.message = message;
    this.options.onChange?.(this.snapshot);
  }
}

function label(target: ConnectionTarget): string {
  return target.label ?? connectionHostLabel(target.uri) ?? 'the database';
}
