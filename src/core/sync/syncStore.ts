// The database side of CRM sync: atomic claims of sendable leads, the outcome of the previous claim
// written in the same round trip as the next claim, lease renewal, approvals, counts and the run history.
// Round trips are what a run costs: the common path is two per claim (find, then one bulk write), and
// nothing is read again unless another app took some of the leads in between.
import { Types, type AnyBulkWriteOperation } from 'mongoose';
import type { SyncRunView, SyncTrigger } from '@shared/contract';
import type { CrmMode, LeadCrmView, SyncCountsView, SyncMode } from '@shared/crm';
import { guardDatabase } from '../errors';
import type { LeadDoc, Models, SyncRunDoc } from '../store/models';
import { CRM_STATE_FILTERS, crmStateOf, sendableFilter } from './leadState';

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before the first retry; doubled on each later one (capped), with jitter. */
  retryBaseMs: number;
}

/** What happened to the leads of one claim, written when the next claim is made (or the run ends). */
export interface ClaimOutcomes {
  token: Types.ObjectId;
  runId: Types.ObjectId;
  crm: CrmMode;
  delivered: Array<{ lead: LeadDoc; recordId: string | null; recordUrl: string | null }>;
  failed: Array<{
    lead: LeadDoc;
    reason: string;
    permanent: boolean;
    /** It may have applied: the idempotency key's attempt does not move. */
    uncertain: boolean;
    retryAfterMs?: number;
  }>;
  /** Claimed but not attempted (the app is stopping, or the CRM refused the connection). */
  released: LeadDoc[];
}

export interface ClaimRequest {
  owner: string;
  mode: SyncMode;
  limit: number;
  leaseMs: number;
  /** Leads this run already tried: a failure waits for a later run, even when it is due at once. */
  exclude: readonly Types.ObjectId[];
  /** The previous claim's outcomes, written in the same round trip. */
  outcomes: ClaimOutcomes | null;
  policy: RetryPolicy;
  now?: Date;
}

export interface ClaimedBatch {
  token: Types.ObjectId;
  leads: LeadDoc[];
  /** Leads that were due; more than `leads` when another app claimed some of them first. */
  due: number;
  expiresAt: Date;
  /** How many of the previous claim's deliveries were marked synced. */
  marked: number;
}

const MAX_RETRY_DELAY_MS = 6 * 3600_000;
const RELEASED = { claimOwner: null, claimToken: null, claimExpiresAt: null };
const FAILURES_KEPT = 100;
export const INTERRUPTED_REASON =
  'Interrupted: the app running it stopped (closed, killed or lost the database) before it finished; ' +
  'delivered is counted from the leads it marked synced';

export class SyncStore {
  constructor(private readonly models: Models) {}

  /**
   * Claims up to `limit` sendable, due leads with no live claim. The conditional update takes a lead only
   * if nobody holds a live claim on it, so two apps never hold the same lead.
   */
  async claim(req: ClaimRequest): Promise<ClaimedBatch> {
    const now = req.now ?? new Date();
    const token = new Types.ObjectId();
    const expiresAt = new Date(now.getTime() + req.leaseMs);
    const claimable = {
      ...sendableFilter(req.mode),
      ...(req.exclude.length ? { _id: { $nin: req.exclude } } : {}),
      claimExpiresAt: { $not: { $gt: now } },
      syncNextAttemptAt: { $not: { $gt: now } },
    };
    const candidates = await this.op(() =>
      this.models.Lead.find(claimable).sort({ createdAt: 1 }).limit(req.limit).lean<LeadDoc[]>(),
    );
    const outcomes = req.outcomes ? outcomeWrites(req.outcomes, req.policy, now) : null;
    if (candidates.length === 0) {
      const marked = outcomes ? await this.applyOutcomes(outcomes) : 0;
      return { token, leads: [], due: 0, expiresAt, marked };
    }
    const claimOp: AnyBulkWriteOperation<LeadDoc> = {
      updateMany: {
        filter: { ...claimable, _id: { $in: candidates.map((c) => c._id) } },
        update: { $set: { claimOwner: req.owner, claimToken: token, claimExpiresAt: expiresAt } },
      },
    };
    const result = await this.op(() =>
      this.models.Lead.bulkWrite([...(outcomes?.ops ?? []), claimOp], { ordered: false }),
    );
    const expected = (outcomes?.count ?? 0) + candidates.length;
    if (result.modifiedCount === expected) {
      return {
        token,
        leads: candidates,
        due: candidates.length,
        expiresAt,
        marked: outcomes?.delivered ?? 0,
      };
    }
    // Nothing of ours was in the write and nothing applied: other apps took every candidate.
    if (!outcomes && result.modifiedCount === 0) {
      return { token, leads: [], due: candidates.length, expiresAt, marked: 0 };
    }
    // Another app took some of them first (or some of our claims had lapsed): read what we hold.
    const held = await this.op(() => this.models.Lead.find({ claimToken: token }).lean<LeadDoc[]>());
    const marked = outcomes ? await this.markedCount(outcomes, result.modifiedCount - held.length) : 0;
    return { token, leads: held, due: candidates.length, expiresAt, marked };
  }

  /** Writes outcomes on their own (the run ends or stops). Returns how many deliveries were marked. */
  async writeOutcomes(outcomes: ClaimOutcomes, policy: RetryPolicy, now = new Date()): Promise<number> {
    return this.applyOutcomes(outcomeWrites(outcomes, policy, now));
  }

  /** Extends this claim on the given leads; returns the ids still held (another app may have taken some). */
  async renewClaims(
    token: Types.ObjectId,
    ids: readonly Types.ObjectId[],
    until: Date,
  ): Promise<Set<string>> {
    const result = await this.op(() =>
      this.models.Lead.updateMany(
        { _id: { $in: ids }, claimToken: token },
        { $set: { claimExpiresAt: until } },
      ),
    );
    if (result.modifiedCount === ids.length) return new Set(ids.map(String));
    const held = await this.op(() =>
      this.models.Lead.find({ _id: { $in: ids }, claimToken: token }, { _id: 1 }).lean<
        { _id: Types.ObjectId }[]
      >(),
    );
    return new Set(held.map((d) => String(d._id)));
  }

  /** A person's retry of leads that failed to sync: they become pending again, due now. */
  async resetFailed(ids: readonly string[]): Promise<number> {
    const result = await this.op(() =>
      this.models.Lead.updateMany(
        { _id: { $in: ids }, isCrmSynced: false },
        { $set: { syncFailed: false, syncAttempts: 0, syncError: null, syncNextAttemptAt: null } },
      ),
    );
    return result.modifiedCount;
  }

  /** Approves Verified leads not yet sent (the bulk approval of the reviewed mode). */
  async approveVerified(ids: readonly string[], at = new Date()): Promise<number> {
    const result = await this.op(() =>
      this.models.Lead.updateMany(
        { _id: { $in: ids }, status: 'Verified', isCrmSynced: false, approvedAt: null },
        { $set: { approvedAt: at } },
      ),
    );
    return result.modifiedCount;
  }

  /** Approves every pending lead: Verified, not sent, not failed, not approved yet. */
  async approvePending(at = new Date()): Promise<number> {
    const result = await this.op(() =>
      this.models.Lead.updateMany(CRM_STATE_FILTERS.pending, { $set: { approvedAt: at } }),
    );
    return result.modifiedCount;
  }

  /** Approves one lead of any status (To Check leads are approved one by one). */
  async approveOne(id: string, at = new Date()): Promise<boolean> {
    const result = await this.op(() =>
      this.models.Lead.updateOne(
        // A lead a person rejected is not sent: undo the rejection first.
        { _id: id, isCrmSynced: false, approvedAt: null, status: { $ne: 'Rejected' } },
        { $set: { approvedAt: at } },
      ),
    );
    return result.modifiedCount === 1;
  }

  /** Withdraws approvals of leads not yet sent (a delivery already in flight still completes). */
  async withdrawApproval(ids: readonly string[]): Promise<number> {
    const result = await this.op(() =>
      this.models.Lead.updateMany(
        { _id: { $in: ids }, isCrmSynced: false, approvedAt: { $ne: null } },
        { $set: { approvedAt: null } },
      ),
    );
    return result.modifiedCount;
  }

  /** The sync panel's counts, in one round trip. */
  async counts(mode: SyncMode): Promise<SyncCountsView> {
    const count = (filter: Record<string, unknown>) => [
      { $match: filter },
      { $group: { _id: null, n: { $sum: 1 } } },
    ];
    const [facets] = await this.op(() =>
      this.models.Lead.aggregate<Record<'synced' | 'failed' | 'approved' | 'pending', Array<{ n: number }>>>([
        {
          $facet: {
            synced: count(CRM_STATE_FILTERS.synced),
            failed: count(CRM_STATE_FILTERS.failed),
            approved: count(CRM_STATE_FILTERS.approved),
            pending: count(CRM_STATE_FILTERS.pending),
          },
        },
      ]),
    );
    const n = (key: 'synced' | 'failed' | 'approved' | 'pending') => facets?.[key]?.[0]?.n ?? 0;
    const pending = n('pending');
    const approved = n('approved');
    return {
      mode,
      pending,
      approved,
      synced: n('synced'),
      failed: n('failed'),
      queued: mode === 'automatic' ? pending + approved : approved,
    };
  }

  /** Each lead as the CRM knows it: state, record id and link, or the error. */
  async leadCrmViews(ids: readonly string[]): Promise<LeadCrmView[]> {
    const docs = await this.op(() => this.models.Lead.find({ _id: { $in: ids } }).lean<LeadDoc[]>());
    const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
    return docs.map((doc) => ({
      id: String(doc._id),
      state: crmStateOf(doc),
      crm: doc.crmSystem ?? null,
      recordId: doc.crmRecordId ?? null,
      recordUrl: doc.crmRecordUrl ?? null,
      syncedAt: iso(doc.crmSyncedAt),
      approvedAt: iso(doc.approvedAt),
      error: doc.isCrmSynced ? null : (doc.syncError ?? null),
    }));
  }

  /**
   * Records a new run and, in the same round trip, closes the runs of apps that died: unfinished, and
   * their app stopped renewing their lease. Their `delivered` is then counted from the leads.
   */
  async startRun(
    instanceId: string,
    trigger: SyncTrigger,
    startedAt: Date,
    leaseMs: number,
  ): Promise<{ id: Types.ObjectId; interrupted: number }> {
    const id = new Types.ObjectId();
    // Both are updates (the new run is an upsert), so the driver sends them as one command.
    const result = await this.op(() =>
      this.models.SyncRun.bulkWrite(
        [
          {
            updateOne: {
              filter: { _id: id },
              update: {
                $setOnInsert: {
                  instanceId,
                  trigger,
                  startedAt,
                  leaseExpiresAt: new Date(startedAt.getTime() + leaseMs),
                },
              },
              upsert: true,
            },
          },
          {
            updateMany: {
              filter: {
                _id: { $ne: id },
                finishedAt: null,
                $or: [
                  { leaseExpiresAt: { $lte: startedAt } },
                  // Runs recorded before run leases existed: stale once older than a lease.
                  { leaseExpiresAt: null, startedAt: { $lt: new Date(startedAt.getTime() - leaseMs) } },
                ],
              },
              update: {
                $set: {
                  finishedAt: startedAt,
                  interrupted: true,
                  closedByRunId: id,
                  error: INTERRUPTED_REASON,
                },
              },
            },
          },
        ],
        { ordered: true },
      ),
    );
    if (result.modifiedCount > 0) await this.countInterruptedDeliveries(id);
    return { id, interrupted: result.modifiedCount };
  }

  async renewRun(id: Types.ObjectId, until: Date): Promise<void> {
    await this.op(() =>
      this.models.SyncRun.updateOne({ _id: id, finishedAt: null }, { $set: { leaseExpiresAt: until } }),
    );
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
        {
          $set: {
            ...result,
            failures: result.failures.slice(0, FAILURES_KEPT),
            finishedAt,
            leaseExpiresAt: null,
            interrupted: false,
          },
        },
      ),
    );
  }

  async listRuns(limit: number): Promise<SyncRunDetails[]> {
    const docs = await this.op(() =>
      this.models.SyncRun.find().sort({ startedAt: -1 }).limit(limit).lean<SyncRunDoc[]>(),
    );
    return docs.map((doc) => toSyncRunView(doc));
  }

  private async countInterruptedDeliveries(closerId: Types.ObjectId): Promise<void> {
    const runs = await this.op(() =>
      this.models.SyncRun.find({ closedByRunId: closerId }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>(),
    );
    const ids = runs.map((r) => r._id);
    const counts = await this.op(() =>
      this.models.Lead.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { crmSyncRunId: { $in: ids } } },
        { $group: { _id: '$crmSyncRunId', n: { $sum: 1 } } },
      ]),
    );
    const delivered = new Map(counts.map((c) => [String(c._id), c.n]));
    await this.op(() =>
      this.models.SyncRun.bulkWrite(
        ids.map((_id) => ({
          updateOne: { filter: { _id }, update: { $set: { delivered: delivered.get(String(_id)) ?? 0 } } },
        })),
        { ordered: false },
      ),
    );
  }

  private async applyOutcomes(outcomes: OutcomeWrites): Promise<number> {
    if (outcomes.ops.length === 0) return 0;
    const result = await this.op(() => this.models.Lead.bulkWrite(outcomes.ops, { ordered: false }));
    return this.markedCount(outcomes, result.modifiedCount);
  }

  /** Deliveries marked synced, knowing how many outcome updates applied in all. */
  private async markedCount(outcomes: OutcomeWrites, applied: number): Promise<number> {
    if (applied >= outcomes.count) return outcomes.delivered;
    // Some claims had lapsed and another app took those leads: count what this run did mark.
    return this.op(() =>
      this.models.Lead.countDocuments({ _id: { $in: outcomes.deliveredIds }, crmSyncRunId: outcomes.runId }),
    );
  }

  private async op<T>(fn: () => Promise<T>): Promise<T> {
    return guardDatabase(fn);
  }
}

interface OutcomeWrites {
  ops: AnyBulkWriteOperation<LeadDoc>[];
  /** Leads the ops update when every claim still holds. */
  count: number;
  delivered: number;
  deliveredIds: Types.ObjectId[];
  runId: Types.ObjectId;
}

/**
 * The updates for a claim's outcomes, one updateMany per distinct change (a whole batch that failed the
 * same way is one update), each only where this claim still holds.
 */
function outcomeWrites(o: ClaimOutcomes, policy: RetryPolicy, now: Date): OutcomeWrites {
  const groups = new Map<string, { set: Record<string, unknown>; ids: Types.ObjectId[] }>();
  const add = (id: Types.ObjectId, set: Record<string, unknown>) => {
    const key = JSON.stringify(set);
    const group = groups.get(key) ?? { set, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  };
  for (const { lead, recordId, recordUrl } of o.delivered) {
    add(lead._id, {
      isCrmSynced: true,
      crmSyncedAt: now,
      crmSyncRunId: o.runId,
      crmSystem: o.crm,
      crmRecordId: recordId,
      crmRecordUrl: recordUrl,
      syncError: null,
      syncNextAttemptAt: null,
      ...RELEASED,
    });
  }
  // One jitter per write spreads retries across batches and apps, and keeps a failed batch one update.
  const jitter = 0.5 + Math.random() * 0.5;
  for (const f of o.failed) {
    const attempts = (f.lead.syncAttempts ?? 0) + 1;
    const giveUp = f.permanent || attempts >= policy.maxAttempts;
    const backoff = Math.min(MAX_RETRY_DELAY_MS, policy.retryBaseMs * 2 ** (attempts - 1)) * jitter;
    const wait = Math.max(backoff, f.retryAfterMs ?? 0);
    add(f.lead._id, {
      syncAttempts: attempts,
      syncRefusals: (f.lead.syncRefusals ?? 0) + (f.uncertain ? 0 : 1),
      syncError: giveUp && !f.permanent ? `${f.reason} (gave up after ${attempts} attempts)` : f.reason,
      syncFailed: giveUp,
      syncNextAttemptAt: giveUp ? null : new Date(now.getTime() + Math.round(wait)),
      ...RELEASED,
    });
  }
  for (const lead of o.released) add(lead._id, RELEASED);
  const ops = [...groups.values()].map(({ set, ids }) => ({
    updateMany: { filter: { _id: { $in: ids }, claimToken: o.token }, update: { $set: set } },
  }));
  return {
    ops,
    count: o.delivered.length + o.failed.length + o.released.length,
    delivered: o.delivered.length,
    deliveredIds: o.delivered.map((d) => d.lead._id),
    runId: o.runId,
  };
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
  interrupted?: boolean | null;
}

/** The computer's name in an instance id ("<computer name>#<process>-<random>", see createCoreApp). */
export function hostOf(instanceId: string): string {
  const at = instanceId.lastIndexOf('#');
  return at > 0 ? instanceId.slice(0, at) : instanceId;
}

/** The contract's run view, and whether the run was closed as interrupted by another app. */
export type SyncRunDetails = SyncRunView & { interrupted: boolean };

export function toSyncRunView(doc: SyncRunRecord): SyncRunDetails {
  return {
    id: String(doc._id),
    instanceId: doc.instanceId,
    host: hostOf(doc.instanceId),
    trigger: doc.trigger,
    startedAt: doc.startedAt.toISOString(),
    finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
    claimed: doc.claimed ?? 0,
    delivered: doc.delivered ?? 0,
    failed: doc.failed ?? 0,
    error: doc.error ?? null,
    failures: (doc.failures ?? []).map((f) => ({ name: f.name ?? '', reason: f.reason ?? '' })),
    interrupted: doc.interrupted ?? false,
  };
}
