// One CRM sync run: claim a batch, deliver it, mark what the CRM accepted, record what it did not,
// until nothing is due. Runs never overlap inside one app; claims keep apps from overlapping.
import type { SyncRunView, SyncTrigger } from '@shared/contract';
import { CoreError } from '../errors';
import type { LeadDoc } from '../store/models';
import type { CrmAdapter, CrmLead } from './crm';
import { toSyncRunView, type LeadFailure, type SyncStore } from './syncStore';

export interface SyncEngineOptions {
  store: () => Promise<SyncStore>;
  adapter: () => CrmAdapter;
  instanceId: string;
  batchSize?: number;
  /** How long a claim holds; a run that dies leaves leads that others may take after this. */
  leaseMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  log?: (line: string) => void;
  onChange?: () => void;
  /** Test seam: runs between delivery and marking (a crash there is the case exactly-once must survive). */
  afterDelivery?: (ids: string[]) => Promise<void> | void;
}

export interface SyncOutcome {
  run: SyncRunView;
  joined: boolean;
}

const DEFAULTS = { batchSize: 100, leaseMs: 120_000, maxAttempts: 5, retryBaseMs: 60_000 };

export class SyncEngine {
  private inFlight: Promise<SyncRunView> | null = null;
  private stopping = false;
  private readonly options: SyncEngineOptions & typeof DEFAULTS;

  constructor(options: SyncEngineOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

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
    this.inFlight = this.run(trigger).finally(() => {
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

  private async run(trigger: SyncTrigger): Promise<SyncRunView> {
    const { instanceId, batchSize, leaseMs, maxAttempts, retryBaseMs } = this.options;
    const store = await this.options.store();
    const adapter = this.options.adapter();
    const startedAt = new Date();
    const runId = await store.createRun(instanceId, trigger, startedAt);
    const totals = { claimed: 0, delivered: 0, failed: 0 };
    const failures: Array<{ name: string; reason: string }> = [];
    const triedAndFailed: LeadFailure['id'][] = [];
    let error: string | null = null;

    try {
      while (!this.stopping) {
        const batch = await store.claimBatch(instanceId, batchSize, leaseMs, triedAndFailed);
        if (batch.due === 0) break;
        if (batch.leads.length === 0) continue; // other apps claimed these first: look again
        totals.claimed += batch.leads.length;
        const byId = new Map(batch.leads.map((lead) => [String(lead._id), lead]));

        const result = await adapter.deliver(batch.leads.map(toCrmLead));
        await this.options.afterDelivery?.(result.delivered);

        const delivered = result.delivered.flatMap((id) => byId.get(id)?._id ?? []);
        totals.delivered += await store.markSynced(delivered, batch.token);
        const failed: LeadFailure[] = result.failed.flatMap(({ id, reason, permanent }) => {
          const lead = byId.get(id);
          return lead ? [{ id: lead._id, reason, permanent }] : [];
        });
        const attempts = new Map(batch.leads.map((lead) => [String(lead._id), lead.syncAttempts ?? 0]));
        await store.recordFailures(failed, attempts, batch.token, { maxAttempts, retryBaseMs });
        totals.failed += failed.length;
        triedAndFailed.push(...failed.map((f) => f.id));
        this.options.onChange?.(); // the panel's log and counts move batch by batch
        for (const f of result.failed)
          failures.push({ name: byId.get(f.id)?.name ?? f.id, reason: f.reason });
        if (failed.length)
          this.options.log?.(`[CRM Sync] ${failed.length} leads not delivered: ${result.failed[0]!.reason}`);
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      this.options.log?.(`[CRM Sync] Run failed: ${error}`);
    }

    const finished = { ...totals, error, failures };
    await store.finishRun(runId, finished).catch(() => undefined); // the history is best effort
    this.options.log?.(
      `[CRM Sync] Run finished: ${totals.claimed} claimed, ${totals.delivered} delivered, ${totals.failed} failed`,
    );
    return toSyncRunView({ _id: runId, instanceId, trigger, startedAt, finishedAt: new Date(), ...finished });
  }
}

function toCrmLead(lead: LeadDoc): CrmLead {
  return {
    id: String(lead._id),
    name: lead.name,
    countryCode: lead.countryCode,
    country: lead.country,
    probability: lead.probability,
    status: 'Verified',
    createdAt: new Date(lead.createdAt).toISOString(),
  };
}
