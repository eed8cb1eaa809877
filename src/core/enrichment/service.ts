// Enrichment runs: a paste, a retry of failed names or a refresh of leads is stored as a run with every
// one of its names before anything is asked, then worked from the database (see execution.ts). Runs
// left by an app that died, stopped by a closing app, or waiting for the quota are resumed here.
import { hostname } from 'node:os';
import { Types } from 'mongoose';
import {
  REVIEW_LIST_LIMIT,
  type EnrichPlan,
  type EnrichProgress,
  type EnrichReview,
  type RefusedEntry,
  type ReviewList,
  type EnrichSummary,
  type FailedName,
  type RunKind,
  type RunView,
} from '@shared/contract';
import {
  nameKey,
  normalizeName,
  parseEntries,
  parsePaste,
  type NameColumnChoice,
  type ParsedPaste,
} from '@shared/names';
import { formatDuration } from '@shared/format';
import type { ClassifyRules } from '../classify';
import { CoreError } from '../errors';
import type { Demographic, NationalizeClient } from '../nationalize/client';
import type { LeadSelection, LeadStore } from '../store/leadStore';
import {
  emptyCounts,
  type FailureRecord,
  type NewItem,
  type RunOwner,
  type RunStore,
} from '../store/runStore';
import {
  quotaBudget,
  RunExecution,
  type ExecutionDeps,
  type ExecutionResult,
  type OpenItem,
} from './execution';

export interface EnrichmentDeps {
  stores: () => Promise<{ runs: RunStore; leads: LeadStore }>;
  client: () => NationalizeClient;
  classify: () => ClassifyRules;
  /** genderize.io and agify.io, when turned on: asked for each name the API places in a country. */
  demographics?: () => Demographic[];
  reuseAnswersMs: () => number;
  instanceId: string;
  /** How long a run's lease (and its names' claims) hold without a heartbeat. */
  leaseMs?: number;
  pollMs?: number;
  write?: ExecutionDeps['write'];
  log?: (message: string) => void;
  onProgress?: (progress: EnrichProgress) => void;
  /** A run of this app started, stopped or changed state. */
  onRunsChange?: () => void;
}

/** Where a run comes from: its start, its paste's counts, and (started here) its failures so far. */
interface RunOrigin {
  startedAt: Date;
  counts: { pasted: number; unique: number; duplicatesFolded: number };
  records?: FailureRecord[];
}

function pasteCounts(parsed: ParsedPaste): RunOrigin['counts'] {
  return {
    pasted: parsed.pasted,
    unique: parsed.names.length + parsed.invalid.length,
    duplicatesFolded: parsed.duplicatesFolded,
  };
}

interface Active {
  execution: RunExecution;
  done: Promise<EnrichSummary>;
  /** Started by the person (a paste, a retry, a refresh), not a resume in the background. */
  foreground: boolean;
}

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_POLL_MS = 1000;

export class EnrichmentService {
  private readonly active = new Map<string, Active>();
  private closing = false;
  /** Set while the person's run is being stored, before it is active: a second one is refused meanwhile. */
  private starting = false;
  readonly owner: RunOwner;

  constructor(private readonly deps: EnrichmentDeps) {
    this.owner = { instanceId: deps.instanceId, host: hostname(), pid: process.pid };
  }

  /** The run the person started and is waiting for, if any. */
  get activeRunId(): string | null {
    for (const [id, run] of this.active) if (run.foreground) return id;
    return null;
  }

  /** Every run this app is working on now. */
  get activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /** A paste; `column` chooses the name column when it is a table (rows with tabs). */
  enrichText(text: string, column?: NameColumnChoice): Promise<EnrichSummary> {
    return this.enrichParsed(checkTable(parsePaste(text, { column }), column));
  }

  /** Enriches entries already read (a file import, or a paste parsed with a chosen name column). */
  enrichParsed(parsed: ParsedPaste): Promise<EnrichSummary> {
    return this.startRun('paste', parsed, {});
  }

  /** Looks up chosen leads again, or every lead of a filter (the API is asked even though it answered before). */
  async refreshLeads(selection: readonly string[] | LeadSelection): Promise<EnrichSummary> {
    const { leads } = await this.deps.stores();
    const names = await leads.leadNames(
      Array.isArray(selection) ? { ids: [...selection] } : (selection as LeadSelection),
    );
    if (names.length === 0) throw new CoreError('invalid_request', 'No leads to refresh: none match');
    return this.startRun('refresh', parseEntries(names), { force: true });
  }

  /**
   * Enriches failed names again; `force` asks the API even for names it answered (no prediction). Refused
   * when the quota has no name left (it says when it resets) and when no chosen entry can succeed.
   */
  async retryFailures(query: { ids?: string[]; runId?: string; force?: boolean }): Promise<EnrichSummary> {
    const budget = quotaBudget(this.deps.client().lastRateLimit);
    if (budget && budget.remaining === 0) {
      const wait = formatDuration(budget.resetsAt.getTime() - Date.now(), 'approx');
      throw new CoreError(
        'quota_exhausted',
        `No names are left in the API quota: it resets in ${wait} (${budget.resetsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC). Retry then`,
      );
    }
    const { leads } = await this.deps.stores();
    const failures = await leads.failuresToRetry(query);
    if (failures.length === 0 && query.ids) {
      throw new CoreError(
        'invalid_request',
        'None of these entries can be retried: they are not names as written (correct them and enrich them again), or they were dismissed or retried already',
      );
    }
    return this.startRun('retry', parseEntries(failures.map((f) => f.name)), { force: query.force ?? false });
  }

  /** What enriching this text would cost: nothing is stored or asked (the summary of its review). */
  async plan(text: string, column?: NameColumnChoice): Promise<EnrichPlan> {
    const review = await this.review(checkTable(parsePaste(text, { column }), column), 'paste');
    return {
      pasted: review.pasted,
      unique: review.unique,
      duplicatesFolded: review.folded.entries,
      invalid: review.refused.count,
      known: review.known.count,
      answered: review.answered.count,
      toAsk: review.toAsk.count,
      cost: review.cost,
      quota: review.quota,
      askNow: review.askNow,
    };
  }

  /** A paste's review: `column` chooses the name column when it is a table. */
  reviewText(text: string, column?: NameColumnChoice): Promise<EnrichReview> {
    return this.review(checkColumnChoice(parsePaste(text, { column, trace: true }), column), 'paste');
  }

  /**
   * What a run of these entries would do, entry by entry: asked, known, answered, folded, refused, and the
   * cost against the quota. Nothing is stored or asked; lists are cut at REVIEW_LIST_LIMIT, counts are whole.
   */
  async review(
    parsed: ParsedPaste,
    source: EnrichReview['source'],
    format: EnrichReview['format'] = null,
  ): Promise<EnrichReview> {
    const { runs } = await this.deps.stores();
    const keys = parsed.names.map((n) => n.key);
    const known = await runs.leadsOf(keys);
    const rest = keys.filter((k) => !known.has(k));
    const reuse = this.deps.reuseAnswersMs();
    const answered = reuse > 0 ? await runs.freshAnswers(rest, new Date(Date.now() - reuse)) : new Map();
    const lists = { toAsk: listOf<string>(), known: listOf<string>(), answered: listOf<string>() };
    for (const { key, name } of parsed.names) {
      const list = known.has(key) ? lists.known : answered.has(key) ? lists.answered : lists.toAsk;
      list.count++;
      if (list.items.length < REVIEW_LIST_LIMIT) list.items.push(name);
    }
    const toAsk = lists.toAsk.count;
    const quota = this.deps.client().lastRateLimit;
    const budget = quotaBudget(quota);
    // Gender and age are asked with the same key: each name costs one more name of quota for each.
    const perName = 1 + (this.deps.demographics?.().length ?? 0);
    return {
      source,
      format,
      table: parsed.table ?? null,
      pasted: parsed.pasted,
      unique: parsed.names.length + parsed.invalid.length,
      ...lists,
      folded: foldedList(parsed),
      refused: refusedList(parsed),
      cost: toAsk * perName,
      quota,
      askNow: budget ? Math.min(toAsk, Math.floor(budget.remaining / perName)) : null,
    };
  }

  /** Cancels a run: the person's run by default. A run this app is not working on is taken over first. */
  async cancel(runId?: string): Promise<boolean> {
    const id = runId ?? this.activeRunId;
    if (!id) return false;
    const mine = this.active.get(id);
    if (mine) {
      mine.execution.stop('cancel');
      return true;
    }
    if (!Types.ObjectId.isValid(id)) return false;
    const summary = await this.takeAndExecute(new Types.ObjectId(id), 'cancel');
    return summary !== null;
  }

  /**
   * Resumes every run that is nobody's now: interrupted, held by an app that died, or whose quota window
   * has reset. Resolves when they are done (or wait for the quota again).
   */
  async resumeAll(): Promise<EnrichSummary[]> {
    if (this.closing) return [];
    const { runs } = await this.deps.stores();
    const candidates = await runs.resumableRuns(new Date());
    const summaries = await Promise.all(
      candidates
        .filter((run) => !this.active.has(String(run._id)))
        .map((run) =>
          this.takeAndExecute(run._id, null).catch((err: unknown) => this.logFailure(run._id, err)),
        ),
    );
    return summaries.filter((s): s is EnrichSummary => s !== null);
  }

  /** When the next run waiting for quota may go on. */
  async nextResumeAt(): Promise<Date | null> {
    const { runs } = await this.deps.stores();
    return runs.nextResumeAt();
  }

  async listRuns(): Promise<RunView[]> {
    const { leads } = await this.deps.stores();
    return leads.listRuns(this.deps.instanceId);
  }

  /**
   * The app is closing: runs stop asking, store what the API already answered, and are left
   * "interrupted" for the next start to resume.
   */
  async interruptAll(): Promise<void> {
    this.closing = true;
    const pending = [...this.active.values()];
    for (const run of pending) run.execution.stop('interrupt');
    await Promise.all(pending.map((run) => run.done.catch(() => undefined)));
  }

  private async startRun(
    kind: RunKind,
    parsed: ParsedPaste,
    options: { force?: boolean },
  ): Promise<EnrichSummary> {
    if (this.closing) throw new CoreError('busy', 'The app is closing');
    if (this.activeRunId || this.starting) {
      throw new CoreError('busy', 'An enrichment run is already in progress: wait for it or cancel it');
    }
    this.starting = true;
    try {
      return await this.storeAndStart(kind, parsed, options);
    } finally {
      this.starting = false;
    }
  }

  private async storeAndStart(
    kind: RunKind,
    parsed: ParsedPaste,
    options: { force?: boolean },
  ): Promise<EnrichSummary> {
    const { runs } = await this.deps.stores();
    const runId = new Types.ObjectId();
    const startedAt = new Date();
    const items = toItems(parsed);
    // Stored first, names and all: from here on nothing pasted can be lost.
    await runs.createRun(
      {
        _id: runId,
        kind,
        force: options.force ?? false,
        startedAt,
        owner: this.owner,
        leaseExpiresAt: new Date(startedAt.getTime() + this.leaseMs),
        ...pasteCounts(parsed),
      },
      items,
    );
    const settled = { ...emptyCounts(), failed: parsed.invalid.length };
    const open = items.filter((item) => item.state === 'pending');
    return this.track(
      runs,
      runId,
      true,
      settled,
      items.length,
      { kind, force: options.force ?? false },
      open,
      {
        startedAt,
        counts: pasteCounts(parsed),
        records: items
          .filter((i) => i.state === 'failed')
          .map((i) => ({ ...toFailedName(i), key: i.key, pos: i.pos })),
      },
    );
  }

  /** Takes a run over and works it; 'cancel' settles its open names as cancelled instead. */
  private async takeAndExecute(runId: Types.ObjectId, stop: 'cancel' | null): Promise<EnrichSummary | null> {
    const { runs } = await this.deps.stores();
    const run = await runs.takeRun(runId, this.owner, this.leaseMs, isDeadOwner);
    if (!run) return null;
    const [items, counts] = await Promise.all([runs.openItems(runId), runs.counts(runId)]);
    const total = Object.values({ ...counts, verified: 0, toCheck: 0 }).reduce((a, b) => a + b, 0);
    this.deps.log?.(`Resuming run ${String(runId)}: ${items.length} names left`);
    return this.track(
      runs,
      runId,
      false,
      counts,
      total,
      { kind: run.kind, force: run.force ?? false },
      items.map((i) => ({ key: i.key, name: i.name, pos: i.pos })),
      {
        startedAt: run.startedAt,
        counts: { pasted: run.pasted, unique: run.unique, duplicatesFolded: run.duplicatesFolded },
      },
      stop,
    );
  }

  private track(
    runs: RunStore,
    runId: Types.ObjectId,
    foreground: boolean,
    settledBefore: ReturnType<typeof emptyCounts>,
    total: number,
    kind: { kind: RunKind; force: boolean },
    open: readonly OpenItem[],
    origin: RunOrigin,
    stop: 'cancel' | null = null,
  ): Promise<EnrichSummary> {
    const execution = new RunExecution(
      {
        store: runs,
        client: this.deps.client(),
        classify: this.deps.classify(),
        demographics: this.deps.demographics?.() ?? [],
        reuseAnswersMs: this.deps.reuseAnswersMs(),
        owner: this.owner,
        leaseMs: this.leaseMs,
        pollMs: this.deps.pollMs ?? DEFAULT_POLL_MS,
        write: this.deps.write,
        log: this.deps.log,
        onProgress: this.deps.onProgress,
      },
      runId,
      origin.startedAt,
      { force: kind.force, refresh: kind.kind === 'refresh' },
      settledBefore,
      total,
    );
    if (stop) execution.stop(stop);
    // Started on the next tick, once the run is known as active (a cancel from its first progress finds it).
    const done = Promise.resolve()
      .then(() => this.finish(runs, execution, open, origin))
      .finally(() => {
        this.active.delete(String(runId));
        this.deps.onRunsChange?.();
      });
    this.active.set(String(runId), { execution, done, foreground });
    this.deps.onRunsChange?.();
    return done;
  }

  private async finish(
    runs: RunStore,
    execution: RunExecution,
    open: readonly OpenItem[],
    origin: RunOrigin,
  ): Promise<EnrichSummary> {
    const runId = execution.runId;
    let result: ExecutionResult;
    try {
      result = await execution.execute(open, origin.records);
    } catch (err) {
      // Left running in the database with its lease: the next start (of any app) resumes it.
      throw err instanceof CoreError
        ? new CoreError(
            err.code,
            `${err.message}. The run is kept and will continue when the app can reach the database again`,
          )
        : err;
    }
    const { counts } = result;
    const finishedAt = new Date();
    const waiting = counts.waiting + counts.pending;
    const state =
      result.ending === 'cancelled'
        ? 'cancelled'
        : result.ending === 'finished'
          ? waiting > 0
            ? 'waiting_quota'
            : 'done'
          : 'interrupted';
    const durationMs = finishedAt.getTime() - origin.startedAt.getTime();
    const ended = state === 'done' || state === 'cancelled';
    if (result.ending !== 'lost') {
      await runs.finishRun(runId, {
        state,
        counts,
        finishedAt: ended ? finishedAt : null,
        durationMs: ended ? durationMs : null,
        resumeAt: state === 'waiting_quota' ? result.resumeAt : null,
        note: state === 'waiting_quota' ? result.note : null,
      });
    }
    // A run worked here from its start knows its failures; a resumed one reads them.
    const failed = origin.records
      ? [...origin.records, ...execution.failed].sort((a, b) => a.pos - b.pos).map(toFailedName)
      : (await runs.failedItems(runId)).map((i) =>
          toFailedName({
            name: i.name,
            code: i.code ?? 'api_error',
            reason: i.reason ?? '',
            length: i.length,
          }),
        );
    return {
      runId: String(runId),
      state,
      ...origin.counts,
      enriched: counts.lead,
      alreadyEnriched: counts.known,
      failed,
      verified: counts.verified,
      toCheck: counts.toCheck,
      cancelled: counts.cancelled,
      waiting,
      resumeAt: state === 'waiting_quota' && result.resumeAt ? result.resumeAt.toISOString() : null,
      durationMs,
    };
  }

  private get leaseMs(): number {
    return this.deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private logFailure(runId: Types.ObjectId, err: unknown): null {
    this.deps.log?.(
      `Run ${String(runId)} could not be resumed: ${err instanceof Error ? err.message : String(err)}`,
    );
    return null;
  }
}

/** A name column chosen for text that is not a table is a mistake the person should hear of. */
export function checkColumnChoice<T extends ParsedPaste>(parsed: T, column: NameColumnChoice | undefined): T {
  if (column !== undefined && !parsed.table) {
    throw new CoreError(
      'invalid_request',
      'A name column was chosen, but this is not a table: a CSV, TSV or Excel file, or rows with tab-separated columns',
    );
  }
  return parsed;
}

/** A table whose name column could not be found (or was chosen without a table) cannot be enriched. */
export function checkTable<T extends ParsedPaste>(parsed: T, column: NameColumnChoice | undefined): T {
  checkColumnChoice(parsed, column);
  const problem = parsed.table?.problem;
  if (!problem) return parsed;
  const columns = parsed
    .table!.columns.map((c, i) => (c.header ? `${i + 1} "${c.header}"` : `${i + 1}`))
    .join(', ');
  throw new CoreError('invalid_request', `${problem} (columns: ${columns})`);
}

const listOf = <T>(): ReviewList<T> => ({ count: 0, items: [] });

/** The names that came more than once, most folded first. */
function foldedList(parsed: ParsedPaste): EnrichReview['folded'] {
  const folds = parsed.trace?.folds ?? new Map<string, number>();
  const names = new Map<string, string>();
  for (const n of parsed.names) if (folds.has(n.key)) names.set(n.key, n.name);
  for (const f of parsed.invalid) {
    const key = normalizeName(f.name).toLowerCase();
    if (folds.has(key) && !names.has(key)) names.set(key, f.name);
  }
  const items = [...folds]
    .map(([key, times]) => ({ name: names.get(key) ?? key, times }))
    .sort((a, b) => b.times - a.times || a.name.localeCompare(b.name))
    .slice(0, REVIEW_LIST_LIMIT);
  return { count: folds.size, entries: parsed.duplicatesFolded, items };
}

function refusedList(parsed: ParsedPaste): ReviewList<RefusedEntry> {
  const lines = parsed.trace?.invalidLines ?? [];
  return {
    count: parsed.invalid.length,
    items: parsed.invalid.slice(0, REVIEW_LIST_LIMIT).map((f, i) => ({
      line: lines[i] ?? 0,
      entry: f.name,
      code: f.code,
      reason: f.reason,
      suggestion: f.suggestion ?? null,
      length: f.length ?? null,
    })),
  };
}

/** Items of a new run: its invalid entries settled as failures at once (listed first), then its names. */
function toItems(parsed: ParsedPaste): NewItem[] {
  let pos = 0;
  const items: NewItem[] = [];
  for (const f of parsed.invalid) {
    items.push({
      // An entry the parser cut (over the limit) is told apart from others with the same start by its length.
      key: f.length ? `${nameKey(f.name)}…${f.length}` : nameKey(f.name),
      name: f.name,
      pos: pos++,
      folded: 0,
      state: 'failed',
      code: f.code,
      reason: f.reason,
      ...(f.length ? { length: f.length } : {}),
      ...(f.suggestion ? { suggestion: f.suggestion } : {}),
    });
  }
  for (const n of parsed.names)
    items.push({ key: n.key, name: n.name, pos: pos++, folded: 0, state: 'pending' });
  return items;
}

function toFailedName(item: {
  name: string;
  code?: FailedName['code'];
  reason?: string;
  length?: number | null;
  suggestion?: string | null;
}): FailedName {
  return {
    name: item.name,
    code: item.code ?? 'invalid_name',
    reason: item.reason ?? '',
    ...(item.length ? { length: item.length } : {}),
    ...(item.suggestion ? { suggestion: item.suggestion } : {}),
  };
}

/** An app on this computer whose process is gone cannot be holding its lease: no need to wait it out. */
export function isDeadOwner(owner: RunOwner): boolean {
  if (owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
