// Every read and write of leads, runs and failed names. Writes are batched; reads are paged.
import type { Types } from 'mongoose';
import type {
  FailureView,
  FailuresPage,
  LeadView,
  LeadsPage,
  LeadsQuery,
  RunKind,
  RunView,
} from '@shared/contract';
import { leadsListRequest } from '@shared/contract';
import type { FailureCode } from '@shared/failures';
import type { Classification } from '../classify';
import { CoreError, databaseError, guardDatabase } from '../errors';
import { SYNC_STATE_FILTERS, syncStateOf } from '../sync/leadState';
import type { FailureDoc, LeadDoc, Models, RunDoc } from './models';

export interface NewLead extends Classification {
  name: string;
  key: string;
}

export interface NewFailure {
  name: string;
  key: string;
  code: FailureCode;
  reason: string;
}

export interface RunCounts {
  pasted: number;
  unique: number;
  duplicatesFolded: number;
  enriched: number;
  alreadyEnriched: number;
  failed: number;
  cancelled: number;
  verified: number;
  toCheck: number;
}

const IN_CHUNK = 1000;

/** A new lead has not been sent to the CRM and nobody has claimed it. */
const NEW_LEAD_SYNC_STATE = {
  isCrmSynced: false,
  crmSyncedAt: null,
  syncAttempts: 0,
  syncError: null,
  syncNextAttemptAt: null,
  syncFailed: false,
  syncRefusals: 0,
  claimOwner: null,
  claimToken: null,
  claimExpiresAt: null,
  approvedAt: null,
  crmSystem: null,
  crmRecordId: null,
  crmRecordUrl: null,
  crmSyncRunId: null,
};
const MAX_RUNS_LISTED = 50;
const MAX_FAILURES_LISTED = 5000;

export class LeadStore {
  constructor(private readonly models: Models) {}

  /** Keys among these that already have a lead. */
  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      const chunk = keys.slice(i, i + IN_CHUNK);
      const docs = await guardDatabase(() =>
        this.models.Lead.find({ key: { $in: chunk } }, { key: 1 }).lean<{ key: string }[]>(),
      );
      for (const doc of docs) found.add(doc.key);
    }
    return found;
  }

  /**
   * Inserts new leads in one unordered write. A key another writer stored in the meantime is not an
   * error: it comes back in `duplicateKeys`, and every other lead is still stored.
   */
  async insertLeads(
    leads: readonly NewLead[],
    runId: Types.ObjectId,
  ): Promise<{ duplicateKeys: Set<string> }> {
    const duplicateKeys = new Set<string>();
    let toInsert = [...leads];
    // Each round stores at least one lead or finds one duplicate, so this ends; the bound is a guard.
    for (let round = 0; toInsert.length > 0 && round < 5; round++) {
      const now = new Date();
      const docs = toInsert.map((lead) => ({
        ...NEW_LEAD_SYNC_STATE,
        ...lead,
        runId,
        createdAt: now,
        updatedAt: now,
      }));
      try {
        await this.models.Lead.collection.insertMany(docs, { ordered: false });
        return { duplicateKeys };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw databaseError(err);
      }
      // Servers differ in what an unordered insert with a duplicate keeps and reports, so ask the
      // database which of these keys are stored, and by whom.
      const stored = await guardDatabase(() =>
        this.models.Lead.find({ key: { $in: toInsert.map((l) => l.key) } }, { key: 1, runId: 1 }).lean<
          { key: string; runId: Types.ObjectId | null }[]
        >(),
      );
      const storedKeys = new Set<string>();
      for (const doc of stored) {
        storedKeys.add(doc.key);
        if (!doc.runId || !doc.runId.equals(runId)) duplicateKeys.add(doc.key);
      }
      toInsert = toInsert.filter((lead) => !storedKeys.has(lead.key));
    }
    if (toInsert.length > 0) throw new CoreError('internal', `${toInsert.length} leads could not be stored`);
    return { duplicateKeys };
  }

  /** Which of these keys have a lead stored by this run. */
  async keysStoredByRun(keys: readonly string[], runId: Types.ObjectId): Promise<Set<string>> {
    const docs = await guardDatabase(() =>
      this.models.Lead.find({ key: { $in: keys }, runId }, { key: 1 }).lean<{ key: string }[]>(),
    );
    return new Set(docs.map((d) => d.key));
  }

  /** Rewrites the enrichment of existing leads (an explicit refresh), one bulk write. */
  async updateLeads(
    updates: ReadonlyArray<{ id: Types.ObjectId; classification: Classification }>,
  ): Promise<void> {
    if (updates.length === 0) return;
    const now = new Date();
    await guardDatabase(() =>
      this.models.Lead.bulkWrite(
        updates.map(({ id, classification }) => ({
          updateOne: { filter: { _id: id }, update: { $set: { ...classification, updatedAt: now } } },
        })),
        { ordered: false },
      ),
    );
  }

  async leadsByIds(ids: readonly string[]): Promise<LeadDoc[]> {
    return guardDatabase(() => this.models.Lead.find({ _id: { $in: ids } }).lean<LeadDoc[]>());
  }

  async listLeads(query: LeadsQuery = {}): Promise<LeadsPage> {
    const q = leadsListRequest.parse(query);
    const base: Record<string, unknown> = {};
    const search = q.search?.trim();
    if (search) {
      const pattern = escapeRegex(search.normalize('NFC').toLowerCase());
      base.$or = [
        { key: { $regex: pattern } },
        { country: { $regex: pattern, $options: 'i' } },
        ...(search.length === 2 ? [{ countryCode: search.toUpperCase() }] : []),
      ];
    }
    // Under $and, so the per-tab counts below add their status without overriding this one's.
    if (q.syncState) base.$and = [SYNC_STATE_FILTERS[q.syncState]];
    const filter = q.status ? { ...base, status: q.status } : base;
    const dir = q.sortDir === 'asc' ? 1 : -1;
    // Each sort matches an index; `key` is unique, the others end on _id so pages are stable.
    const sort: Record<string, 1 | -1> = q.sortBy === 'name' ? { key: dir } : { [q.sortBy]: dir, _id: dir };
    const [items, verified, toCheck] = await guardDatabase(() =>
      Promise.all([
        this.models.Lead.find(filter)
          .sort(sort)
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean<LeadDoc[]>(),
        this.models.Lead.countDocuments({ ...base, status: 'Verified' }),
        this.models.Lead.countDocuments({ ...base, status: 'To Check' }),
      ]),
    );
    const total = q.status === 'Verified' ? verified : q.status === 'To Check' ? toCheck : verified + toCheck;
    return {
      items: items.map(toLeadView),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts: { all: verified + toCheck, verified, toCheck },
    };
  }

  async createRun(kind: RunKind, startedAt: Date, runId: Types.ObjectId): Promise<void> {
    await guardDatabase(() => this.models.Run.insertMany([{ _id: runId, kind, startedAt }]));
  }

  async finishRun(
    runId: Types.ObjectId,
    counts: RunCounts,
    finishedAt: Date,
    durationMs: number,
  ): Promise<void> {
    await guardDatabase(() =>
      this.models.Run.updateOne({ _id: runId }, { $set: { ...counts, finishedAt, durationMs } }),
    );
  }

  async listRuns(limit = MAX_RUNS_LISTED): Promise<RunView[]> {
    const runs = await guardDatabase(() =>
      this.models.Run.find().sort({ startedAt: -1 }).limit(limit).lean<RunDoc[]>(),
    );
    return runs.map(toRunView);
  }

  async insertFailures(failures: readonly NewFailure[], runId: Types.ObjectId): Promise<void> {
    if (failures.length === 0) return;
    const createdAt = new Date();
    await guardDatabase(() =>
      this.models.Failure.collection.insertMany(
        failures.map((f) => ({ ...f, runId, createdAt })),
        { ordered: false },
      ),
    );
  }

  async listFailures(query: { runId?: string } = {}): Promise<FailuresPage> {
    const filter = query.runId ? { runId: query.runId } : {};
    const [docs, runIds] = await guardDatabase(() =>
      Promise.all([
        this.models.Failure.find(filter)
          .sort({ createdAt: -1, _id: 1 })
          .limit(MAX_FAILURES_LISTED)
          .lean<FailureDoc[]>(),
        this.models.Failure.distinct('runId'),
      ]),
    );
    const runs = runIds.length
      ? await guardDatabase(() =>
          this.models.Run.find({ _id: { $in: runIds } })
            .sort({ startedAt: -1 })
            .lean<RunDoc[]>(),
        )
      : [];
    return { items: docs.map(toFailureView), runs: runs.map(toRunView) };
  }

  /** The failures a retry asks for: these ids, or a run's, or (neither) all of them. */
  async failuresToRetry(query: { ids?: string[]; runId?: string }): Promise<FailureDoc[]> {
    const filter: Record<string, unknown> = {};
    if (query.ids) filter._id = { $in: query.ids };
    if (query.runId) filter.runId = query.runId;
    return guardDatabase(() => this.models.Failure.find(filter).sort({ createdAt: 1 }).lean<FailureDoc[]>());
  }

  /** Removes failures of these names recorded by runs other than `keepRunId`. */
  async deleteEarlierFailures(keys: readonly string[], keepRunId: Types.ObjectId): Promise<void> {
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      const chunk = keys.slice(i, i + IN_CHUNK);
      await guardDatabase(() =>
        this.models.Failure.deleteMany({ key: { $in: chunk }, runId: { $ne: keepRunId } }),
      );
    }
  }
}

/** A write that failed only because some keys were already stored (E11000). */
function isDuplicateKeyError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, writeErrors } = err as { code?: number; writeErrors?: Array<{ code?: number }> };
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((e) => e.code === 11000);
  return code === 11000;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

function toLeadView(doc: LeadDoc): LeadView {
  return {
    id: String(doc._id),
    name: doc.name,
    countryCode: doc.countryCode,
    country: doc.country,
    probability: doc.probability,
    alternatives: (doc.alternatives ?? []).map((a) => ({
      countryCode: a.countryCode ?? '',
      country: a.country ?? '',
      probability: a.probability ?? 0,
    })),
    status: doc.status,
    isCrmSynced: doc.isCrmSynced ?? false,
    syncState: syncStateOf(doc),
    crmSyncedAt: iso(doc.crmSyncedAt),
    syncError: doc.isCrmSynced ? null : (doc.syncError ?? null),
    createdAt: iso(doc.createdAt) ?? '',
    runId: doc.runId ? String(doc.runId) : null,
  };
}

function toFailureView(doc: FailureDoc): FailureView {
  return {
    id: String(doc._id),
    name: doc.name,
    code: doc.code,
    reason: doc.reason,
    runId: String(doc.runId),
    createdAt: iso(doc.createdAt) ?? '',
  };
}

function toRunView(doc: RunDoc): RunView {
  return {
    id: String(doc._id),
    kind: doc.kind,
    startedAt: iso(doc.startedAt) ?? '',
    finishedAt: iso(doc.finishedAt),
    durationMs: doc.durationMs ?? null,
    pasted: doc.pasted ?? 0,
    unique: doc.unique ?? 0,
    enriched: doc.enriched ?? 0,
    alreadyEnriched: doc.alreadyEnriched ?? 0,
    failed: doc.failed ?? 0,
    cancelled: doc.cancelled ?? 0,
  };
}
