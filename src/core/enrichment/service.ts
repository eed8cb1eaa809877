// The enrichment pipeline: parse, skip names already stored, look up the rest, classify, store in
// batches, record failures. Every name ends as a lead, an "already enriched", or a failure with a reason.
import { Types } from 'mongoose';
import type { EnrichProgress, EnrichSummary, FailedName, RunKind } from '@shared/contract';
import { nameKey, parseEntries, parsePaste, type ParsedName, type ParsedPaste } from '@shared/names';
import { classify } from '../classify';
import { CoreError } from '../errors';
import type { LookupOutcome, NationalizeClient } from '../nationalize/client';
import type { LeadStore, NewFailure, NewLead } from '../store/leadStore';

/** Leads are written once this many are waiting, and at the end of the run. */
const WRITE_BATCH = 100;

export interface EnrichmentDeps {
  store: () => Promise<LeadStore>;
  client: () => NationalizeClient;
  threshold: () => number;
  onProgress?: (progress: EnrichProgress) => void;
  onActiveRunChange?: (runId: string | null) => void;
}

interface RunInput extends ParsedPaste {
  kind: RunKind;
  /** For a refresh: the leads to look up again, by key. */
  refresh?: Map<string, Types.ObjectId>;
}

export class EnrichmentService {
  private active: { runId: string; controller: AbortController; done: Promise<unknown> } | null = null;

  constructor(private readonly deps: EnrichmentDeps) {}

  get activeRunId(): string | null {
    return this.active?.runId ?? null;
  }

  enrichText(text: string): Promise<EnrichSummary> {
    return this.enrichParsed(parsePaste(text));
  }

  /** Enriches entries already read (a file import, or a paste parsed with a chosen name column). */
  enrichParsed(parsed: ParsedPaste): Promise<EnrichSummary> {
    const { table: _table, header: _header, ...input } = parsed;
    return this.run({ ...input, kind: 'paste' });
  }

  /** Looks up chosen leads again and rewrites their country, probability and status. */
  async refreshLeads(ids: readonly string[]): Promise<EnrichSummary> {
    const leads = await (await this.deps.store()).leadsByIds(ids);
    const refresh = new Map(leads.map((lead) => [lead.key, lead._id]));
    const names = leads.map((lead) => ({ name: lead.name, key: lead.key }));
    return this.run({
      pasted: names.length,
      names,
      invalid: [],
      duplicatesFolded: 0,
      kind: 'refresh',
      refresh,
    });
  }

  /** Enriches failed names again; each one's old failure record goes when the run gives it a new outcome. */
  async retryFailures(query: { ids?: string[]; runId?: string }): Promise<EnrichSummary> {
    const failures = await (await this.deps.store()).failuresToRetry(query);
    return this.run({ ...parseEntries(failures.map((f) => f.name)), kind: 'retry' });
  }

  /** Cancels the run in flight, if any, and waits until what it finished is stored (the app is closing). */
  async cancelAndSettle(): Promise<void> {
    const active = this.active;
    if (!active) return;
    active.controller.abort();
    await active.done.catch(() => undefined);
  }

  cancel(runId?: string): boolean {
    if (!this.active || (runId && runId !== this.active.runId)) return false;
    this.active.controller.abort();
    return true;
  }

  private run(input: RunInput): Promise<EnrichSummary> {
    if (this.active) {
      return Promise.reject(
        new CoreError('busy', 'An enrichment run is already in progress: wait for it or cancel it'),
      );
    }
    const runId = new Types.ObjectId();
    const controller = new AbortController();
    const done = this.execute(input, runId, controller);
    this.active = { runId: String(runId), controller, done };
    this.deps.onActiveRunChange?.(String(runId));
    return done.finally(() => {
      this.active = null;
      this.deps.onActiveRunChange?.(null);
    });
  }

  private async execute(
    input: RunInput,
    runId: Types.ObjectId,
    controller: AbortController,
  ): Promise<EnrichSummary> {
    const client = this.deps.client();
    const threshold = this.deps.threshold();
    const started = new Date();
    const store = await this.deps.store();
    await store.createRun(input.kind, started, runId);

    const failures: FailedName[] = [...input.invalid];
    let alreadyEnriched = 0;
    let toLookup: ParsedName[] = input.names;
    if (!input.refresh) {
      const existing = await store.existingKeys(input.names.map((n) => n.key));
      alreadyEnriched = existing.size;
      toLookup = input.names.filter((n) => !existing.has(n.key));
    }

    const total = toLookup.length;
    let done = 0;
    let verified = 0;
    let toCheck = 0;
    let enriched = 0;
    let pending: NewLead[] = [];

    // Writes are serialised: one flush at a time, in order, so a slow database slows the run
    // instead of piling up writes.
    let writes = Promise.resolve();
    const flush = (): Promise<void> => {
      const batch = pending;
      pending = [];
      writes = writes
        .then(() => this.writeLeads(store, batch, runId, input.refresh, failures))
        .then((stored) => {
          enriched += stored.enriched;
          alreadyEnriched += stored.duplicates;
          for (const lead of stored.leads) {
            if (lead.status === 'Verified') verified++;
            else toCheck++;
          }
        });
      return writes;
    };

    this.emitProgress(runId, 0, total);
    await client.lookup(
      toLookup.map((n) => n.name),
      {
        signal: controller.signal,
        onBatch: async (outcomes: LookupOutcome[]) => {
          for (const outcome of outcomes) {
            if (!outcome.ok) {
              failures.push({ name: outcome.name, code: outcome.code, reason: outcome.reason });
              continue;
            }
            const classification = classify(outcome.countries, threshold);
            if (!classification) {
              failures.push({
                name: outcome.name,
                code: 'no_prediction',
                reason: 'No prediction for this name',
              });
              continue;
            }
            pending.push({ name: outcome.name, key: nameKey(outcome.name), ...classification });
          }
          done += outcomes.length;
          this.emitProgress(runId, done, total);
          if (pending.length >= WRITE_BATCH) await flush();
        },
      },
    );
    await flush();

    // Batches finish in any order: list the failures as the names were pasted (invalid entries first).
    const position = new Map(input.names.map((n, i) => [n.key, i]));
    failures.sort((a, b) => (position.get(nameKey(a.name)) ?? -1) - (position.get(nameKey(b.name)) ?? -1));
    const cancelled = failures.filter((f) => f.code === 'cancelled').length;
    const failed = failures.filter((f) => f.code !== 'cancelled');
    await this.recordFailures(store, input, failures, runId);

    const finished = new Date();
    const summary: EnrichSummary = {
      runId: String(runId),
      pasted: input.pasted,
      unique: input.names.length + input.invalid.length,
      duplicatesFolded: input.duplicatesFolded,
      enriched,
      alreadyEnriched,
      failed,
      verified,
      toCheck,
      cancelled,
      durationMs: finished.getTime() - started.getTime(),
    };
    await store
      .finishRun(runId, { ...summary, failed: failed.length }, finished, summary.durationMs)
      .catch(() => undefined); // the summary is still returned; the run record is only history
    return summary;
  }

  /** Stores one batch; if the database is down, those names become failures instead of vanishing. */
  private async writeLeads(
    store: LeadStore,
    batch: NewLead[],
    runId: Types.ObjectId,
    refresh: Map<string, Types.ObjectId> | undefined,
    failures: FailedName[],
  ): Promise<{ enriched: number; duplicates: number; leads: NewLead[] }> {
    if (batch.length === 0) return { enriched: 0, duplicates: 0, leads: [] };
    try {
      if (refresh) {
        const updates = batch.flatMap((lead) => {
          const id = refresh.get(lead.key);
          const { name: _name, key: _key, ...classification } = lead;
          return id ? [{ id, classification }] : [];
        });
        await store.updateLeads(updates);
        return { enriched: batch.length, duplicates: 0, leads: batch };
      }
      const { duplicateKeys } = await store.insertLeads(batch, runId);
      const stored = batch.filter((lead) => !duplicateKeys.has(lead.key));
      return { enriched: stored.length, duplicates: duplicateKeys.size, leads: stored };
    } catch (err) {
      // A write can fail after the server applied part of it: ask what landed, so no name gets two outcomes.
      const reason = err instanceof CoreError ? err.message : 'The database was unavailable';
      const landed = refresh
        ? null
        : await store
            .keysStoredByRun(
              batch.map((l) => l.key),
              runId,
            )
            .catch(() => null);
      const stored = landed ? batch.filter((lead) => landed.has(lead.key)) : [];
      const unsure =
        landed === null && !refresh ? ' (some of these may have been stored: retry to find out)' : '';
      for (const lead of batch) {
        if (!landed?.has(lead.key))
          failures.push({ name: lead.name, code: 'db_unavailable', reason: reason + unsure });
      }
      return { enriched: stored.length, duplicates: 0, leads: stored };
    }
  }

  /**
   * Failures are kept so they can be listed and retried. A name's latest outcome is the one that counts
   * (a cancelled name included), so failures of these names from earlier runs are dropped. If these writes fail the
   * failures are still in the summary.
   */
  private async recordFailures(
    store: LeadStore,
    input: RunInput,
    failures: FailedName[],
    runId: Types.ObjectId,
  ): Promise<void> {
    // A refresh's names still have their leads: its failures are in the summary, with nothing to retry.
    if (input.kind === 'refresh') return;
    const docs: NewFailure[] = failures.map((f) => ({ ...f, key: nameKey(f.name) }));
    const settled = [...input.names.map((n) => n.key), ...input.invalid.map((f) => nameKey(f.name))];
    try {
      await store.insertFailures(docs, runId);
      await store.deleteEarlierFailures(settled, runId);
    } catch {
      // Already reported to the caller through the summary.
    }
  }

  private emitProgress(runId: Types.ObjectId, done: number, total: number): void {
    this.deps.onProgress?.({ runId: String(runId), done, total });
  }
}
