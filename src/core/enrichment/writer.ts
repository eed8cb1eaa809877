// Writes a run's outcomes in the background, in bulk, while the lookups go on. A flush takes whatever
// has arrived once enough names wait or the oldest has waited long enough; a write the database did not
// take is retried as it is (every write is idempotent) until it lands or the run is abandoned.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import { CoreError } from '../errors';
import type { Classification } from '../classify';
import type { NewLead } from '../store/leadStore';
import type { FailureRecord, ItemOutcome, OutcomeBatch, RunStore, StoredAnswer } from '../store/runStore';

/** One name's outcome and everything that goes with it (no outcome: only its claim is given back). */
export interface PendingOutcome {
  key: string;
  outcome: ItemOutcome | null;
  answer?: StoredAnswer;
  lead?: NewLead;
  refreshed?: { key: string; classification: Classification };
  failure?: FailureRecord;
  /** Settled under this run's claim: older failure records of the name stop being current. */
  settled?: boolean;
  /** Give the name's claim back once this is written. */
  release?: boolean;
}

export interface WriterOptions {
  store: RunStore;
  runId: Types.ObjectId;
  runStartedAt: Date;
  token: Types.ObjectId;
  /** A flush starts once this many names wait... */
  flushNames?: number;
  /** ...or once the oldest has waited this long. */
  flushMs?: number;
  /** Lookups pause while more than this many names wait to be written (bounded memory). */
  highWater?: number;
  log?: (message: string) => void;
  /** After each flush that landed: the outcomes it wrote, with 'lead' turned 'known' where another run won. */
  onWritten?: (outcomes: ItemOutcome[]) => void;
}

export const WRITE_DEFAULTS = { flushNames: 1000, flushMs: 2000, highWater: 5000 };
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;

export class OutcomeWriter {
  private queue: PendingOutcome[] = [];
  private oldestAt = 0;
  private draining = false;
  private abandoned = false;
  private wake: (() => void) | null = null;
  private readonly roomWaiters: Array<() => void> = [];
  private readonly loop: Promise<void>;
  private failure: unknown = null;
  private readonly o: WriterOptions & typeof WRITE_DEFAULTS;

  constructor(options: WriterOptions) {
    this.o = { ...WRITE_DEFAULTS, ...options };
    this.loop = this.run();
  }

  /** Names queued and not yet written. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Queues outcomes; resolves at once unless the queue is over its high-water mark. */
  async push(entries: readonly PendingOutcome[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (entries.length === 0) return;
    if (this.queue.length === 0) this.oldestAt = Date.now();
    this.queue.push(...entries);
    this.poke();
    while (this.queue.length > this.o.highWater && !this.abandoned && !this.failure) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  /** Writes everything queued and stops; rejects if a write failed for another reason than the database. */
  async drain(): Promise<void> {
    this.draining = true;
    this.poke();
    await this.loop;
    if (this.failure) throw this.failure;
  }

  /** Stops retrying: what is still queued is not written (the app is closing and the database is away). */
  abandon(): number {
    this.abandoned = true;
    this.poke();
    for (const resolve of this.roomWaiters.splice(0)) resolve();
    return this.queue.length;
  }

  private poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.abandoned) return;
      const due =
        this.queue.length >= this.o.flushNames ||
        (this.queue.length > 0 && (this.draining || Date.now() - this.oldestAt >= this.o.flushMs));
      if (!due) {
        if (this.draining && this.queue.length === 0) return;
        const wait =
          this.queue.length > 0 ? Math.max(1, this.oldestAt + this.o.flushMs - Date.now()) : 60_000;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        continue;
      }
      const entries = this.queue;
      this.queue = [];
      for (const resolve of this.roomWaiters.splice(0)) resolve();
      try {
        await this.writeWithRetry(entries);
      } catch (err) {
        this.failure = err;
        for (const resolve of this.roomWaiters.splice(0)) resolve();
        return;
      }
      if (this.queue.length > 0) this.oldestAt = Date.now();
    }
  }

  private async writeWithRetry(entries: PendingOutcome[]): Promise<void> {
    const batch = toBatch(this.o, entries);
    let delay = RETRY_MIN_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        const { known } = await this.o.store.writeOutcomes(batch);
        this.o.onWritten?.(
          batch.outcomes.map((o) =>
            o.state === 'lead' && known.has(o.key) ? { key: o.key, state: 'known' } : o,
          ),
        );
        return;
      } catch (err) {
        if (!(err instanceof CoreError && err.code === 'db_unavailable')) throw err;
        if (this.abandoned) return;
        if (attempt === 1) this.o.log?.(`Storing ${entries.length} outcomes: ${err.message}; retrying`);
        await sleep(delay);
        delay = Math.min(RETRY_MAX_MS, delay * 2);
        if (this.abandoned) {
          // Put them back so the count of what was lost is right.
          this.queue.unshift(...entries);
          return;
        }
      }
    }
  }
}

function toBatch(o: WriterOptions, entries: readonly PendingOutcome[]): OutcomeBatch {
  const batch: OutcomeBatch = {
    runId: o.runId,
    runStartedAt: o.runStartedAt,
    token: o.token,
    at: new Date(),
    answers: [],
    leads: [],
    refreshed: [],
    settled: [],
    failures: [],
    outcomes: [],
    release: [],
  };
  for (const e of entries) {
    if (e.outcome) batch.outcomes.push(e.outcome);
    if (e.answer) batch.answers.push(e.answer);
    if (e.lead) batch.leads.push(e.lead);
    if (e.refreshed) batch.refreshed.push(e.refreshed);
    if (e.failure) batch.failures.push(e.failure);
    if (e.settled) batch.settled.push(e.key);
    if (e.release) batch.release.push(e.key);
  }
  return batch;
}
