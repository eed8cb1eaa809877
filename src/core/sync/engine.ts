// One CRM sync run: claim leads, deliver them in batches the CRM accepts, look up a delivery that timed
// out before calling it failed, and write the outcomes with the next claim. Runs never overlap inside one
// app; claims keep apps from overlapping, and every connector upserts by the lead's id, so a lead whose
// outcome was lost (the app died) is delivered again harmlessly: once in the CRM, at least once on the wire.
import type { SyncTrigger } from '@shared/contract';
import { CRM_LABELS, type SyncMode } from '@shared/crm';
import { CoreError } from '../errors';
import type { LeadDoc } from '../store/models';
import type { CrmAdapter, DeliveredRecord, DeliveryResult } from './crm';
import { errorText } from './deadline';
import { toCrmLead } from './fields';
import { CLAIM_MARGIN_MS } from './lease';
import type { ClaimOutcomes, SyncRunDetails, SyncStore } from './syncStore';
import { toSyncRunView } from './syncStore';

/** The settings a run reads when it starts (they follow Settings between runs). */
export interface EngineSettings {
  mode: SyncMode;
  batchSize: number;
  /** How long a claim (and a run's lease) holds; longer than deliveryTimeoutMs plus a margin. */
  claimMs: number;
  deliveryTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

export interface SyncEngineOptions {
  store: () => Promise<SyncStore>;
  adapter: () => CrmAdapter;
  settings: () => EngineSettings;
  instanceId: string;
  log?: (line: string) => void;
  onChange?: () => void;
}

export interface SyncOutcome {
  run: SyncRunDetails;
  joined: boolean;
}

/** Deliveries per claim: claiming several batches at once keeps a run to few round trips per lead. */
export const CLAIM_BATCHES = 5;

export class SyncEngine {
  private inFlight: Promise<SyncRunDetails> | null = null;
  private stopping = false;

  constructor(private readonly options: SyncEngineOptions) {}

  get running(): boolean {
    return this.inFlight !== null;
  }

  /** Runs once; a trigger while a run is in flight joins that run instead of starting another. */
  async runOnce(trigger: SyncTrigger): Promise<SyncOutcome> {
    if (this.stopping) throw new CoreError('busy', 'The app is shutting down: sync is stopped');
    if (this.inFlight) {
      this.options.log?.(`[CRM Sync] A run is already in progress; the ${trigger} trigger joined it`);
      return { run: await this.inFlight, joined: true };
    }
    this.inFlight = new SyncRun(this.options, trigger, () => this.stopping).run().finally(() => {
      this.inFlight = null;
      this.options.onChange?.();
    });
    this.options.onChange?.();
    return { run: await this.inFlight, joined: false };
  }

  /** Stops taking new batches and waits (within a bound) for the batch in flight to finish and be marked. */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    const pending = this.inFlight;
    if (!pending) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const finished = pending.then(
      () => true as const,
      () => true as const,
    );
    const done = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    return done;
  }
}

/** One run's state: its lease, its totals, and the outcomes not yet written. */
class SyncRun {
  private readonly settings: EngineSettings;
  private readonly totals = { claimed: 0, delivered: 0, failed: 0 };
  private readonly failures: Array<{ name: string; reason: string }> = [];
  private readonly triedAndFailed: LeadDoc['_id'][] = [];
  private error: string | null = null;
  private runLeaseUntil = 0;

  constructor(
    private readonly options: SyncEngineOptions,
    private readonly trigger: SyncTrigger,
    private readonly stopping: () => boolean,
  ) {
    this.settings = options.settings();
  }

  async run(): Promise<SyncRunDetails> {
    const { instanceId } = this.options;
    const store = await this.options.store();
    const adapter = this.options.adapter();
    const { claimMs, batchSize, mode, maxAttempts, retryBaseMs } = this.settings;
    const policy = { maxAttempts, retryBaseMs };
    const chunkSize = Math.max(1, Math.min(batchSize, adapter.maxBatchSize));
    const startedAt = new Date();
    const { id: runId, interrupted } = await store.startRun(instanceId, this.trigger, startedAt, claimMs);
    this.runLeaseUntil = startedAt.getTime() + claimMs;
    if (interrupted) this.log(`[CRM Sync] Closed ${interrupted} run(s) of apps that stopped mid-run`);

    let outcomes: ClaimOutcomes | null = null;
    try {
      while (!this.stopping() && this.error === null) {
        await this.keepRunAlive(store, runId);
        const batch = await store.claim({
          owner: instanceId,
          mode,
          limit: chunkSize * CLAIM_BATCHES,
          leaseMs: claimMs,
          exclude: this.triedAndFailed,
          outcomes,
          policy,
        });
        this.totals.delivered += batch.marked;
        outcomes = null;
        if (batch.due === 0) break;
        if (batch.leads.length === 0) continue; // other apps claimed these first: look again
        this.totals.claimed += batch.leads.length;
        outcomes = { token: batch.token, runId, crm: adapter.mode, delivered: [], failed: [], released: [] };
        await this.deliverClaim(store, adapter, batch.leads, batch.expiresAt, outcomes, chunkSize);
      }
    } catch (err) {
      this.error = errorText(err);
      this.log(`[CRM Sync] Run failed: ${this.error}`);
    }
    if (outcomes) {
      // What was delivered is marked even when the run failed: otherwise it would go again.
      try {
        this.totals.delivered += await store.writeOutcomes(outcomes, policy);
      } catch (err) {
        this.error ??= errorText(err);
      }
    }

    const finished = { ...this.totals, error: this.error, failures: this.failures };
    await store.finishRun(runId, finished).catch(() => undefined); // the history is best effort
    this.log(
      `[CRM Sync] Run finished: ${this.totals.claimed} claimed, ${this.totals.delivered} delivered, ${this.totals.failed} failed`,
    );
    return toSyncRunView({
      _id: runId,
      instanceId,
      trigger: this.trigger,
      startedAt,
      finishedAt: new Date(),
      ...finished,
    });
  }

  /** Delivers one claim in batches; every lead ends in the outcomes (delivered, failed or released). */
  private async deliverClaim(
    store: SyncStore,
    adapter: CrmAdapter,
    claimed: LeadDoc[],
    claimExpiresAt: Date,
    outcomes: ClaimOutcomes,
    chunkSize: number,
  ): Promise<void> {
    const { claimMs, deliveryTimeoutMs } = this.settings;
    /** The claim's leads not yet delivered (the batch in flight included). */
    let pending = claimed;
    /** All the claim's leads still held: delivered ones too, until their outcome is written. */
    let held = claimed;
    let expiresAt = claimExpiresAt.getTime();
    // The claim must outlive the next delivery (and a lookup after it): renew it when it would not.
    const ensureLease = async (): Promise<void> => {
      if (expiresAt - Date.now() >= deliveryTimeoutMs + CLAIM_MARGIN_MS) return;
      const until = Date.now() + claimMs;
      const still = await store.renewClaims(
        outcomes.token,
        held.map((l) => l._id),
        new Date(until),
      );
      expiresAt = until;
      const lost = held.length - still.size;
      if (lost) this.log(`[CRM Sync] ${lost} leads were taken over by another app while this one waited`);
      held = held.filter((l) => still.has(String(l._id)));
      pending = pending.filter((l) => still.has(String(l._id)));
    };

    while (pending.length > 0) {
      if (this.stopping() || this.error !== null) {
        outcomes.released.push(...pending);
        return;
      }
      await this.keepRunAlive(store, outcomes.runId);
      await ensureLease();
      const chunk = pending.slice(0, chunkSize);
      if (chunk.length === 0) return;
      const byId = new Map(chunk.map((lead) => [String(lead._id), lead]));
      const result = await this.deliverWithLookup(adapter, chunk, async () => {
        await ensureLease();
        return new Set(pending.map((l) => String(l._id)));
      });
      pending = pending.filter((l) => !byId.has(String(l._id)));

      if (result.halt) {
        this.error = result.halt;
        this.log(`[CRM Sync] Stopped: ${result.halt}`);
        const answered = new Set([...result.delivered.map((d) => d.id), ...result.failed.map((f) => f.id)]);
        outcomes.released.push(...chunk.filter((l) => !answered.has(String(l._id))), ...pending);
        pending = [];
      }
      for (const d of result.delivered) {
        const lead = byId.get(d.id);
        if (lead) outcomes.delivered.push({ lead, recordId: d.recordId, recordUrl: d.recordUrl });
      }
      for (const f of result.failed) {
        const lead = byId.get(f.id);
        if (!lead) continue;
        outcomes.failed.push({ lead, ...f, uncertain: f.uncertain ?? false });
        this.triedAndFailed.push(lead._id);
        this.failures.push({ name: lead.name, reason: f.reason });
      }
      if (result.delivered.length && adapter.mode !== 'simulated') {
        this.log(`[CRM Sync] Delivered ${result.delivered.length} leads to ${CRM_LABELS[adapter.mode]}`);
      }
      this.totals.failed += result.failed.length;
      if (result.failed.length) {
        this.log(`[CRM Sync] ${result.failed.length} leads not delivered: ${result.failed[0]!.reason}`);
      }
      this.options.onChange?.(); // the panel's log moves batch by batch
    }
  }

  /**
   * Delivers a batch; for the leads whose delivery may have applied (a timeout), asks the CRM whether it
   * holds them before counting them as failed. A lookup that fails changes nothing: they are retried,
   * and the retry is an upsert.
   */
  private async deliverWithLookup(
    adapter: CrmAdapter,
    chunk: LeadDoc[],
    stillHeld: () => Promise<Set<string>>,
  ): Promise<DeliveryResult> {
    const result = await adapter.deliver(chunk.map(toCrmLead));
    const uncertain = result.failed.filter((f) => f.uncertain);
    if (!uncertain.length || !adapter.lookup || result.halt) return result;
    const held = await stillHeld();
    let found: Map<string, DeliveredRecord>;
    try {
      found = await adapter.lookup(uncertain.map((f) => f.id).filter((id) => held.has(id)));
    } catch {
      return result;
    }
    if (found.size)
      this.log(`[CRM Sync] ${found.size} leads whose delivery timed out were applied by the CRM`);
    return {
      ...result,
      delivered: [...result.delivered, ...found.values()],
      failed: result.failed.filter((f) => !found.has(f.id)),
    };
  }

  /** Renews the run's lease before it runs out, so other apps do not close it as interrupted. */
  private async keepRunAlive(store: SyncStore, runId: LeadDoc['_id']): Promise<void> {
    const { claimMs } = this.settings;
    if (this.runLeaseUntil - Date.now() > claimMs / 2) return;
    this.runLeaseUntil = Date.now() + claimMs;
    await store.renewRun(runId, new Date(this.runLeaseUntil));
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
