// Works one stored run from the database: the names already known, the names another app is looking
// up (waited for, not asked twice), the answers any app already has (no cost), and the rest asked
// within the quota; each outcome goes to the writer as it arrives. A fresh run and a resumed one take
// the same path: the run's open items are the input.
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import type { EnrichProgress, RateLimitView } from '@shared/contract';
import { classify, type ClassifyRules } from '../classify';
import { CoreError } from '../errors';
import type { LookupOutcome, NationalizeClient } from '../nationalize/client';
import type { NewLead } from '../store/leadStore';
import {
  emptyCounts,
  type ClaimTicket,
  type FailureRecord,
  type ItemOutcome,
  type RunCounts,
  type RunOwner,
  type RunStore,
  type StoredAnswer,
} from '../store/runStore';
import type { Demographic } from '../nationalize/client';
import { DemographicsStage, missingDemographics, type DemographicEntry } from './demographics';
import { OutcomeWriter, type PendingOutcome, type WriterOptions } from './writer';

export interface OpenItem {
  key: string;
  name: string;
  pos: number;
}

export interface ExecutionDeps {
  store: RunStore;
  client: NationalizeClient;
  /** Verified threshold and minimum sample count. */
  classify: ClassifyRules;
  /** genderize.io and agify.io, asked too when turned on in Settings. */
  demographics: readonly Demographic[];
  /** Answers younger than this are used instead of asking again (0: always ask). */
  reuseAnswersMs: number;
  owner: RunOwner;
  leaseMs: number;
  /** How often names held by another app are looked at again. */
  pollMs: number;
  write?: Pick<WriterOptions, 'flushNames' | 'flushMs' | 'highWater'>;
  log?: (message: string) => void;
  onProgress?: (progress: EnrichProgress) => void;
}

export interface ExecutionResult {
  /** How the work ended: every item settled or waiting; cancelled; or stopped with items left open. */
  ending: 'finished' | 'cancelled' | 'interrupted' | 'lost';
  counts: RunCounts;
  resumeAt: Date | null;
  note: string | null;
}

/** Why the work stops before every name is settled. */
export type StopReason = 'cancel' | 'interrupt';

const PROGRESS_EVERY_MS = 100;
/** Names read, claimed and asked together: a 10,000-name run is one chunk, bigger runs go in steps. */
const CHUNK_NAMES = 10_000;

export class RunExecution {
  private readonly controller = new AbortController();
  private stopReason: StopReason | null = null;
  private readonly token = new Types.ObjectId();
  private readonly counts: RunCounts;
  private readonly total: number;
  private resumeAt: Date | null = null;
  private note: string | null = null;
  private lost = false;
  private lastProgress = 0;
  private readonly positions = new Map<string, number>();
  /** Gender and age, when turned on: names wait there for them before they are settled. */
  private stage!: DemographicsStage;
  /** Names claimed, and claims given back with an outcome: what is left is released at the end. */
  private claimed = 0;
  private released = 0;
  /** Names that failed in this execution, in the order they settled. */
  readonly failed: FailureRecord[] = [];

  constructor(
    private readonly deps: ExecutionDeps,
    readonly runId: Types.ObjectId,
    private readonly runStartedAt: Date,
    private readonly kind: { force: boolean; refresh: boolean },
    /** Counts of the items settled before this execution (a resumed run). */
    settledBefore: RunCounts,
    totalItems: number,
  ) {
    this.counts = { ...settledBefore, pending: 0, waiting: 0 };
    this.total = totalItems;
  }

  /** Stops the work: 'cancel' settles what is left as cancelled; 'interrupt' leaves it for a resume. */
  stop(reason: StopReason): void {
    if (this.stopReason === 'cancel') return;
    this.stopReason = reason;
    this.controller.abort();
  }

  /** `records`: failure records settled before any lookup (the entries that are not names). */
  async execute(
    items: readonly OpenItem[],
    records: readonly FailureRecord[] = [],
  ): Promise<ExecutionResult> {
    const { store, leaseMs, owner } = this.deps;
    const writer = new OutcomeWriter({
      store,
      runId: this.runId,
      runStartedAt: this.runStartedAt,
      token: this.token,
      ...this.deps.write,
      log: this.deps.log,
    });
    const heartbeat = setInterval(
      () => {
        store.renewLease(this.runId, owner, leaseMs, this.token).then(
          (held) => {
            if (held) return;
            this.lost = true;
            this.stop('interrupt');
          },
          () => undefined, // the database is away: the writer says so; the lease is renewed when it is back
        );
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();

    this.stage = new DemographicsStage(
      this.deps.client,
      this.deps.demographics,
      this.controller.signal,
      (entries) =>
        this.settle(
          writer,
          entries.map((e) => this.fromAnswer(e.key, e.name, e.answer, true)),
        ),
    );
    const names = new Map(items.map((item) => [item.key, item.name]));
    for (const item of items) this.positions.set(item.key, item.pos);
    this.emitProgress(true);
    try {
      await writer.push(
        records.map((failure) => ({ key: failure.key, outcome: null, failure, settled: true })),
      );
      let open = [...names.keys()];
      let watched: string[] = [];
      for (;;) {
        if (open.length > 0) watched.push(...(await this.process(open, names, writer)));
        if (watched.length === 0) break;
        if (this.stopReason) {
          await this.settleHeldByOthers(watched, writer);
          break;
        }
        // Another app is asking for these now: wait for its answer (or for its claim to run out).
        const free = new Set(await this.waitForOthers(watched));
        open = watched.filter((k) => free.has(k));
        watched = watched.filter((k) => !free.has(k));
      }
      await writer.drain();
    } catch (err) {
      const left = writer.abandon();
      if (left > 0) this.deps.log?.(`${left} answers of run ${String(this.runId)} could not be stored`);
      throw err;
    } finally {
      clearInterval(heartbeat);
    }
    // Names this run still holds (it stopped before their outcome) go back to everyone.
    if (this.claimed > this.released) await store.release(this.token).catch(() => undefined);
    this.emitProgress(true);
    const ending = this.lost
      ? 'lost'
      : this.stopReason === 'cancel'
        ? 'cancelled'
        : this.stopReason === 'interrupt'
          ? 'interrupted'
          : 'finished';
    const c = this.counts;
    const pending = this.total - (c.lead + c.known + c.failed + c.cancelled + c.waiting);
    return { ending, counts: { ...c, pending }, resumeAt: this.resumeAt, note: this.note };
  }

  /**
   * One pass over open names, in chunks: a chunk is read and claimed while the lookups of the one
   * before are in flight, so the API never waits, memory stays bounded, and a name is claimed only
   * shortly before it is asked. Returns the names another run holds.
   */
  private async process(
    keys: readonly string[],
    names: ReadonlyMap<string, string>,
    writer: OutcomeWriter,
  ): Promise<string[]> {
    const held: string[] = [];
    const asking: Array<Promise<void>> = [];
    for (let i = 0; i < keys.length; i += CHUNK_NAMES) {
      if (asking.length >= 2) await asking.shift();
      const chunk = await this.prepare(keys.slice(i, i + CHUNK_NAMES), names, writer);
      held.push(...chunk.held);
      if (chunk.toAsk.length > 0) asking.push(this.ask(chunk.toAsk, names, writer));
    }
    await Promise.all(asking);
    await this.stage.drain();
    return held;
  }

  /** Reads and claims a chunk: settles what needs no lookup, says what to ask and what others hold. */
  private async prepare(
    keys: readonly string[],
    names: ReadonlyMap<string, string>,
    writer: OutcomeWriter,
  ): Promise<{ toAsk: string[]; held: string[] }> {
    const { store } = this.deps;
    let rest = [...keys];
    // What needs no lookup is settled in one push after the reads, so it goes out in one flush.
    const settled: PendingOutcome[] = [];
    if (!this.kind.force) {
      const leads = await this.db(() => store.leadsOf(rest));
      const runId = String(this.runId);
      for (const key of rest) {
        const lead = leads.get(key);
        if (!lead) continue;
        // A lead this very run stored before it was stopped is its outcome, not an "already known".
        settled.push(
          lead.runId === runId
            ? { key, outcome: { key, state: 'lead', status: lead.status }, settled: true }
            : { key, outcome: { key, state: 'known' } },
        );
      }
      rest = rest.filter((k) => !leads.has(k));
    }
    if (rest.length === 0 || this.stopReason === 'interrupt') {
      await this.settle(writer, settled);
      return { toAsk: [], held: this.stopReason ? rest : [] };
    }

    const ticket: ClaimTicket = {
      owner: this.deps.owner.instanceId,
      runId: this.runId,
      token: this.token,
      expiresAt: new Date(Date.now() + this.deps.leaseMs),
    };
    const { mine, others } = await this.db(() => store.claim(rest, ticket));
    this.claimed += mine.size;
    const held = rest.filter((k) => others.has(k));
    let toAsk = rest.filter((k) => mine.has(k));
    if (this.stopReason === 'cancel') {
      // Cancelled before they were asked (a waiting or interrupted run cancelled from the Runs panel): the
      // names this run holds get their record, so Retry can bring them back.
      const reason = 'Cancelled before the API was asked';
      for (const key of toAsk) {
        const failure = {
          key,
          pos: this.pos(key),
          name: names.get(key)!,
          code: 'cancelled' as const,
          reason,
        };
        settled.push({
          key,
          outcome: { key, state: 'cancelled', code: 'cancelled', reason },
          failure,
          settled: true,
          release: true,
        });
      }
      await this.settle(writer, settled);
      return { toAsk: [], held };
    }

    if (!this.kind.force && this.deps.reuseAnswersMs > 0 && toAsk.length > 0) {
      const since = new Date(Date.now() - this.deps.reuseAnswersMs);
      const answers = await this.db(() => store.freshAnswers(toAsk, since));
      const needDemographics: DemographicEntry[] = [];
      for (const key of toAsk) {
        const answer = answers.get(key);
        if (!answer) continue;
        const name = names.get(key) ?? answer.name;
        // Known to nationalize, but gender or age (now turned on) were never asked: only those are.
        if (
          this.stage.enabled &&
          answer.countries.length &&
          missingDemographics(answer, this.deps.demographics).length
        ) {
          needDemographics.push({ key, name, answer });
        } else settled.push(this.fromAnswer(key, name, answer, false));
      }
      this.stage.add(needDemographics);
      toAsk = toAsk.filter((k) => !answers.has(k));
    }

    // Within the quota the API last reported: the rest wait for its reset instead of failing.
    const budget = quotaBudget(this.deps.client.lastRateLimit);
    if (budget && toAsk.length > budget.remaining) {
      const later = toAsk.slice(budget.remaining);
      toAsk = toAsk.slice(0, budget.remaining);
      this.waitFor(budget.resetsAt, 'The quota of this window is spent');
      for (const key of later) settled.push({ key, outcome: { key, state: 'waiting' }, release: true });
    }
    await this.settle(writer, settled);
    return { toAsk, held };
  }

  private async ask(
    keys: string[],
    names: ReadonlyMap<string, string>,
    writer: OutcomeWriter,
  ): Promise<void> {
    // A name always has the same key, so the API's outcome (which carries the name) finds its key.
    const keyOf = new Map(keys.map((key) => [names.get(key)!, key]));
    await this.deps.client.lookupEach(
      keys.map((key) => names.get(key)!),
      {
        signal: this.controller.signal,
        onBatch: (outcomes) => {
          const now: PendingOutcome[] = [];
          const later: DemographicEntry[] = [];
          for (const outcome of outcomes) {
            const key = keyOf.get(outcome.name);
            if (!key) continue;
            // A name placed in a country goes on to gender and age first (when they are turned on).
            if (outcome.ok && outcome.countries.length && this.stage.enabled) {
              later.push({ key, name: outcome.name, answer: toStoredAnswer(key, outcome) });
            } else now.push(this.fromLookup(key, outcome));
          }
          this.stage.add(later);
          return this.settle(writer, now);
        },
      },
    );
  }

  /** The outcome of a name the API answered now (`paid`: the answer is stored) or earlier. */
  private fromAnswer(key: string, name: string, answer: StoredAnswer, paid: boolean): PendingOutcome {
    const store = paid ? { answer } : {};
    const classification = classify(answer.countries, this.deps.classify, answer.count);
    if (!classification) {
      const when = paid
        ? ''
        : ` (asked ${answer.answeredAt.toISOString().slice(0, 10)}; Ask again to refresh)`;
      const reason = `No prediction: nationalize.io has no country for this name${when}`;
      return {
        ...store,
        key,
        outcome: { key, state: 'failed', code: 'no_prediction', reason },
        failure: { key, pos: this.pos(key), name, code: 'no_prediction', reason },
        settled: true,
        release: true,
      };
    }
    const lead: NewLead = {
      name,
      key,
      ...classification,
      gender: answer.gender?.value ?? null,
      genderProbability: answer.gender ? answer.gender.probability : null,
      age: answer.age?.value ?? null,
    };
    const { name: _n, key: _k, ...rest } = lead;
    return {
      ...store,
      key,
      outcome: { key, state: 'lead', status: classification.status },
      ...(this.kind.refresh ? { refreshed: { key, classification: rest } } : { lead }),
      settled: true,
      release: true,
    };
  }

  private fromLookup(key: string, outcome: LookupOutcome): PendingOutcome {
    const name = outcome.name;
    if (outcome.ok) return this.fromAnswer(key, name, toStoredAnswer(key, outcome), true);
    // Interrupted (the app is closing): the name stays open for the resume; only its claim goes back.
    if (outcome.code === 'cancelled' && this.stopReason === 'interrupt')
      return { key, outcome: null, release: true };
    if (outcome.code === 'quota_exhausted' && outcome.retryAt) {
      this.waitFor(new Date(outcome.retryAt), outcome.reason);
      return { key, outcome: { key, state: 'waiting' }, release: true };
    }
    const state = outcome.code === 'cancelled' ? 'cancelled' : 'failed';
    return {
      key,
      outcome: { key, state, code: outcome.code, reason: outcome.reason },
      failure: { key, pos: this.pos(key), name, code: outcome.code, reason: outcome.reason },
      settled: true,
      release: true,
    };
  }

  /**
   * Names another run held when this one stopped: cancelled (without a failure record, which is the
   * other run's to write), or left open for the resume.
   */
  private async settleHeldByOthers(keys: readonly string[], writer: OutcomeWriter): Promise<void> {
    if (this.stopReason !== 'cancel') return;
    const reason = 'Cancelled while another app was looking it up';
    await this.settle(
      writer,
      keys.map((key) => ({ key, outcome: { key, state: 'cancelled', code: 'cancelled', reason } })),
    );
  }

  /** Waits until some of these names are free (their claim gone or run out); none if the work stops. */
  private async waitForOthers(keys: readonly string[]): Promise<string[]> {
    const { store, pollMs } = this.deps;
    for (;;) {
      try {
        await sleep(pollMs, undefined, { signal: this.controller.signal });
      } catch {
        return [];
      }
      const claims = await this.db(() => store.claimsOf(keys));
      const now = Date.now();
      const free = keys.filter((k) => (claims.get(k)?.getTime() ?? 0) <= now);
      if (free.length > 0) return free;
    }
  }

  /** A read or a claim, retried while the database is away; the work waits meanwhile (until it is stopped). */
  private async db<T>(call: () => Promise<T>): Promise<T> {
    let delay = 250;
    for (;;) {
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof CoreError && err.code === 'db_unavailable') || this.stopReason) throw err;
        await sleep(delay);
        delay = Math.min(5000, delay * 2);
      }
    }
  }

  private pos(key: string): number {
    return this.positions.get(key) ?? 0;
  }

  private waitFor(at: Date | null, note: string): void {
    if (at && (!this.resumeAt || at > this.resumeAt)) this.resumeAt = at;
    this.note = note;
  }

  private async settle(writer: OutcomeWriter, entries: readonly PendingOutcome[]): Promise<void> {
    for (const { outcome, failure, release } of entries) {
      if (release) this.released++;
      if (outcome) this.count(outcome);
      if (failure && outcome?.state === 'failed') this.failed.push({ ...failure });
    }
    this.emitProgress(false);
    await writer.push(entries);
  }

  private count(outcome: ItemOutcome): void {
    this.counts[outcome.state]++;
    if (outcome.state === 'lead') this.counts[outcome.status === 'Verified' ? 'verified' : 'toCheck']++;
  }

  private emitProgress(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    const c = this.counts;
    this.deps.onProgress?.({
      runId: String(this.runId),
      done: c.lead + c.known + c.failed,
      total: this.total,
      cancelled: c.cancelled,
      waiting: c.waiting,
    });
  }
}

function toStoredAnswer(key: string, outcome: Extract<LookupOutcome, { ok: true }>): StoredAnswer {
  return {
    key,
    name: outcome.name,
    count: outcome.count,
    countries: outcome.countries,
    answeredAt: new Date(),
  };
}

/** The names the quota allows now, when the API has said so and its window has not reset since. */
export function quotaBudget(rateLimit: RateLimitView | null): { remaining: number; resetsAt: Date } | null {
  // Without a reset time there is nothing to wait for: ask, and let a 429 say more.
  if (!rateLimit || rateLimit.remaining === null || !rateLimit.resetsAt) return null;
  const resetsAt = new Date(rateLimit.resetsAt);
  if (resetsAt.getTime() <= Date.now()) return null;
  return { remaining: Math.max(0, rateLimit.remaining), resetsAt };
}

export { emptyCounts };
