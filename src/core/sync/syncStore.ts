// The database side of CRM sync: atomic batch claims, marking, failures and the run history.
// Every call is one round trip, counted, so a run's cost can be measured.
import { Types } from 'mongoose';
import type { SyncRunView, SyncTrigger } from '@shared/contract';
import { guardDatabase } from '../errors';
import type { LeadDoc, Models, SyncRunDoc } from '../store/models';

export interface ClaimedBatch {
  token: Types.ObjectId;
  leads: LeadDoc[];
  /** Leads that were due; more than `leads` when another app claimed some of them first. */
  due: number;
}

export interface LeadFailure {
  id: Types.ObjectId;
  reason: string;
  /** A refusal retrying cannot fix (a 4xx): the lead fails at once. */
  permanent: boolean;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before the first retry; doubled on each later one (capped), with jitter. */
  retryBaseMs: number;
}

const MAX_RETRY_DELAY_MS = 6 * 3600_000;
const RELEASED = { claimOwner: null, claimToken: null, claimExpiresAt: null };
const FAILURES_KEPT = 100;

export class SyncStore {
  /** Database round trips made through this store. */
  roundTrips = 0;

  constructor(private readonly models: Models) {}

  /**
   * Claims up to `limit` verified, unsynced, due leads with no live claim, atomically: the conditional
   * update takes a lead only if nobody holds a live claim on it, so two apps never hold the same lead.
   * Three round trips whatever the batch size.
   */
  async claimBatch(
    owner: string,
    limit: number,
    leaseMs: number,
    /** Leads this run already tried: a failure waits for a later run, even when it is due at once. */
    exclude: readonly Types.ObjectId[] = [],
    now = new Date(),
  ): Promise<ClaimedBatch> {
    const claimable = {
      ...(exclude.length ? { _id: { $nin: exclude } } : {}),
      status: 'Verified' as const,
      isCrmSynced: false,
      syncFailed: { $ne: true },
      claimExpiresAt: { $not: { $gt: now } },
      syncNextAttemptAt: { $not: { $gt: now } },
    };
    const token = new Types.ObjectId();
    const candidates = await this.op(() =>
      this.models.Lead.find(claimable, { _id: 1 })
        .sort({ createdAt: 1 })
        .limit(limit)
        .lean<{ _id: Types.ObjectId }[]>(),
    );
    if (candidates.length === 0) return { token, leads: [], due: 0 };
    await this.op(() =>
      this.models.Lead.updateMany(
        { ...claimable, _id: { $in: candidates.map((c) => c._id) } },
        { $set: { claimOwner: owner, claimToken: token, claimExpiresAt: new Date(now.getTime() + leaseMs) } },
      ),
    );
    const leads = await this.op(() => this.models.Lead.find({ claimToken: token }).lean<LeadDoc[]>());
    return { token, leads, due: candidates.length };
  }

  /** Marks delivered leads synced, only where the claim is still this batch's. Returns how many. */
  async markSynced(ids: readonly Types.ObjectId[], token: Types.ObjectId, at = new Date()): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.op(() =>
      this.models.Lead.updateMany(
        { _id: { $in: ids }, claimToken: token },
        {
          $set: { isCrmSynced: true, crmSyncedAt: at, syncError: null, syncNextAttemptAt: null, ...RELEASED },
        },
      ),
    );
    return result.modifiedCount;
  }

  /** Records failed deliveries: a later retry with backoff, or failed for good. Releases their claims. */
  async recordFailures(
    failures: readonly LeadFailure[],
    attemptsSoFar: ReadonlyMap<string, number>,
    token: Types.ObjectId,
    policy: RetryPolicy,
    now = new Date(),
  ): Promise<void> {
    if (failures.length === 0) return;
    await this.op(() =>
      this.models.Lead.bulkWrite(
        failures.map(({ id, reason, permanent }) => {
          const attempts = (attemptsSoFar.get(String(id)) ?? 0) + 1;
          const giveUp = permanent || attempts >= policy.maxAttempts;
          const delay = Math.min(MAX_RETRY_DELAY_MS, policy.retryBaseMs * 2 ** (attempts - 1));
          const jittered = delay / 2 + Math.random() * (delay / 2);
          return {
            updateOne: {
              filter: { _id: id, claimToken: token },
              update: {
                $set: {
                  syncAttempts: attempts,
                  syncError: giveUp && !permanent ? `${reason} (gave up after ${attempts} attempts)` : reason,
                  syncFailed: giveUp,
                  syncNextAttemptAt: giveUp ? null : new Date(now.getTime() + jittered),
                  ...RELEASED,
                },
              },
            },
          };
        }),
        { ordered: false },
      ),
    );
  }

  /** Gives a batch's leads back (the app is stopping before it could deliver them). */
  async releaseClaims(token: Types.ObjectId): Promise<void> {
    await this.op(() =>
      this.models.Lead.updateMany({ claimToken: token, isCrmSynced: false }, { $set: RELEASED }),
    );
  }

  /** A person's retry of leads that failed to sync: they become pending again, due now. */
  async resetFailed(ids: readonly string[]): Promise<number> {
    const result = await this.op(() =>
      this.models.Lead.updateMany(
        { _id: { $in: ids }, status: 'Verified', isCrmSynced: false },
        { $set: { syncFailed: false, syncAttempts: 0, syncError: null, syncNextAttemptAt: null } },
      ),
    );
    return result.modifiedCount;
  }

  async createRun(instanceId: string, trigger: SyncTrigger, startedAt: Date): Promise<Types.ObjectId> {
    const _id = new Types.ObjectId();
    await this.op(() => this.models.SyncRun.insertMany([{ _id, instanceId, trigger, startedAt }]));
    return _id;
  }

  async finishRun(
    id: Types.ObjectId,
    result: {
      claimed: number;
      delivered: number;
      failed: number;
      error: string | null;
      failures: SyncRunView['failures'];
    },
    finishedAt = new Date(),
  ): Promise<void> {
    await this.op(() =>
      this.models.SyncRun.updateOne(
        { _id: id },
        { $set: { ...result, failures: result.failures.slice(0, FAILURES_KEPT), finishedAt } },
      ),
    );
  }

  async listRuns(limit: number): Promise<SyncRunView[]> {
    const docs = await this.op(() =>
      this.models.SyncRun.find().sort({ startedAt: -1 }).limit(limit).lean<SyncRunDoc[]>(),
    );
    return docs.map((doc) => toSyncRunView(doc));
  }

  private async op<T>(fn: () => Promise<T>): Promise<T> {
    this.roundTrips++;
    return guardDatabase(fn);
  }
}

interface SyncRunRecord {
  _id: Types.ObjectId;
  instanceId: string;
  trigger: SyncRunView['trigger'];
  startedAt: Date;
  finishedAt?: Date | null;
  claimed?: number | null;
  delivered?: number | null;
  failed?: number | null;
  error?: string | null;
  failures?: ReadonlyArray<{ name?: string | null; reason?: string | null }> | null;
}

export function toSyncRunView(doc: SyncRunRecord): SyncRunView {
  return {
    id: String(doc._id),
    instanceId: doc.instanceId,
    trigger: doc.trigger,
    startedAt: doc.startedAt.toISOString(),
    finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
    claimed: doc.claimed ?? 0,
    delivered: doc.delivered ?? 0,
    failed: doc.failed ?? 0,
    error: doc.error ?? null,
    failures: (doc.failures ?? []).map((f) => ({ name: f.name ?? '', reason: f.reason ?? '' })),
  };
}
