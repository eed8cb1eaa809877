// Every read and write of leads, runs and failed names. Writes are batched; reads are paged.
import type { Types } from 'mongoose';
import {
  LEADS_MAX_JUMP_ROWS,
  type FailureView,
  type FailuresPage,
  type FailuresQuery,
  type LeadCounts,
  type LeadSortField,
  type LeadView,
  type LeadsFilter,
  type LeadsPage,
  type LeadStatus,
  type LeadsQuery,
  type OverviewView,
  type ReclassifyPreview,
  type ReclassifyResult,
  type RunView,
} from '@shared/contract';
import { ENTRY_FAILURE_CODES, type FailureCode } from '@shared/failures';
import { failuresListRequest, leadsFilter, leadsListRequest } from '@shared/schemas';
import type { Classification, ClassifyRules } from '../classify';
import { countryName } from '../countries';
import { CoreError, databaseError, guardDatabase, isDuplicateKeyError } from '../errors';
import { crmStateOf, syncStateOf } from '../sync/leadState';
import {
  decodeCursor,
  encodeCursor,
  keysetCondition,
  leadSearchFields,
  leadsFilterQuery,
  sortObject,
  sortSpec,
} from './leadQuery';
import { throughSchema, type FailureDoc, type LeadDoc, type Models, type RunDoc } from './models';

export interface NewLead extends Classification {
  name: string;
  key: string;
}

/** Keys per query: one round trip for a 10,000-name run, bounded messages for bigger ones. */
const IN_CHUNK = 10_000;

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
/** The overview's runs chart: the latest runs that still have leads or failed names. */
const OVERVIEW_RUNS = 20;

export class LeadStore {
  constructor(private readonly models: Models) {}

  /** The leads of these keys: which run stored each (null: from before runs were kept) and its status. */
  async leadsOfKeys(
    keys: readonly string[],
  ): Promise<Map<string, { runId: string | null; status: LeadStatus }>> {
    const found = new Map<string, { runId: string | null; status: LeadStatus }>();
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      const chunk = keys.slice(i, i + IN_CHUNK);
      const docs = await guardDatabase(() =>
        this.models.Lead.find({ key: { $in: chunk } }, { key: 1, runId: 1, status: 1 })
          .batchSize(chunk.length)
          .lean<{ key: string; runId: Types.ObjectId | null; status: LeadStatus }[]>(),
      );
      for (const doc of docs)
        found.set(doc.key, { runId: doc.runId ? String(doc.runId) : null, status: doc.status });
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
      // Through the schema: a value out of range is refused here, never stored.
      const docs = await throughSchema(
        this.models.Lead,
        toInsert.map((lead) => ({
          ...NEW_LEAD_SYNC_STATE,
          ...lead,
          ...guessFields(lead),
          ...leadSearchFields(lead.name, lead.countryCode, lead.country),
          verdict: null,
          runId,
          createdAt: now,
          updatedAt: now,
        })),
        (err, i) =>
          new CoreError('internal', `The lead for ${toInsert[i]!.name} failed validation: ${err.message}`),
      );
      try {
        await this.models.Lead.collection.insertMany(docs, { ordered: false });
        return { duplicateKeys };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw databaseError(err);
      }
      // Servers differ in what an unordered insert with a duplicate keeps and reports, so ask the
      // database which of these keys are stored, and by whom.
      const stored = await guardDatabase(() =>
        this.models.Lead.find({ key: { $in: toInsert.map((l) => l.key) } }, { key: 1, runId: 1 })
          .batchSize(toInsert.length)
          .lean<{ key: string; runId: Types.ObjectId | null }[]>(),
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

  /**
   * Rewrites the enrichment of existing leads, by name (an explicit refresh): one bulk write. A lead a
   * person decided keeps its country and status; only the API's guess and the other countries change.
   */
  async updateEnrichment(
    updates: ReadonlyArray<{ key: string; classification: Classification }>,
  ): Promise<void> {
    if (updates.length === 0) return;
    const now = new Date();
    await guardDatabase(() =>
      this.models.Lead.bulkWrite(
        updates.flatMap(({ key, classification }) => {
          const { alternatives, sampleCount } = classification;
          const guess = guessFields(classification);
          return [
            {
              updateOne: {
                filter: { key, verdict: null },
                update: {
                  $set: {
                    ...classification,
                    ...guess,
                    ...countryFields(key, classification.countryCode, classification.country),
                    updatedAt: now,
                  },
                },
              },
            },
            {
              updateOne: {
                filter: { key, verdict: { $ne: null } },
                update: { $set: { guess: guess.guess, alternatives, sampleCount, updatedAt: now } },
              },
            },
          ];
        }),
        { ordered: false },
      ),
    );
  }

  /**
   * A person's decision on leads: verified (in the country they chose, or the one shown) or rejected;
   * 'undo' gives the lead back to its classification. Who and when are recorded. A rejected lead is not
   * sent to the CRM (an approval waiting for it is withdrawn); a lead already sent stays sent.
   */
  async decide(
    ids: readonly string[],
    decision: 'verified' | 'rejected' | 'undo',
    by: string,
    rules: ClassifyRules,
    countryCode?: string,
  ): Promise<{ changed: number }> {
    const at = new Date();
    const filter = { _id: { $in: ids } };
    if (decision === 'undo') {
      const leads = await guardDatabase(() =>
        this.models.Lead.find({ ...filter, verdict: { $ne: null } }).lean<LeadDoc[]>(),
      );
      if (leads.length === 0) return { changed: 0 };
      await guardDatabase(() =>
        this.models.Lead.bulkWrite(
          leads.map((lead) => {
            const guess = lead.guess ?? lead;
            const pass = (lead.sampleCount ?? rules.minSampleCount) >= rules.minSampleCount;
            return {
              updateOne: {
                filter: { _id: lead._id },
                update: {
                  $set: {
                    countryCode: guess.countryCode,
                    country: guess.country,
                    status: guess.probability! >= rules.threshold && pass ? 'Verified' : 'To Check',
                    ...countryFields(lead.name, guess.countryCode!, guess.country!),
                    verdict: null,
                    updatedAt: at,
                  },
                },
              },
            };
          }),
          { ordered: false },
        ),
      );
      return { changed: leads.length };
    }
    const verdict = { decision, by, at };
    const set: Record<string, unknown> =
      decision === 'verified'
        ? { status: 'Verified', verdict, updatedAt: at }
        : { status: 'Rejected', verdict, approvedAt: null, updatedAt: at };
    if (decision === 'verified' && countryCode) {
      set.countryCode = countryCode;
      set.country = countryName(countryCode);
      // The country is searched and sorted by: each lead's words and sort key follow it (one bulk write).
      const leads = await guardDatabase(() =>
        this.models.Lead.find(filter, { name: 1 }).lean<Array<{ _id: Types.ObjectId; name: string }>>(),
      );
      if (leads.length === 0) return { changed: 0 };
      await guardDatabase(() =>
        this.models.Lead.bulkWrite(
          leads.map((lead) => ({
            updateOne: {
              filter: { _id: lead._id },
              update: {
                $set: {
                  ...set,
                  ...countryFields(lead.name, countryCode, set.country as string),
                },
              },
            },
          })),
          { ordered: false },
        ),
      );
      return { changed: leads.length };
    }
    const result = await guardDatabase(() => this.models.Lead.updateMany(filter, { $set: set }));
    return { changed: result.modifiedCount };
  }

  async leadsByIds(ids: readonly string[]): Promise<LeadDoc[]> {
    return guardDatabase(() => this.models.Lead.find({ _id: { $in: ids } }).lean<LeadDoc[]>());
  }

  /** The names of a selection (ids) or of every lead of a filter, read by a cursor. */
  async leadNames(selection: LeadSelection): Promise<string[]> {
    const names: string[] = [];
    await guardDatabase(async () => {
      const cursor = this.models.Lead.find(selectionQuery(selection), { name: 1 })
        .sort({ _id: 1 })
        .batchSize(1000)
        .lean<{ name: string }>()
        .cursor();
      for await (const doc of cursor) names.push((doc as { name: string }).name);
    });
    return names;
  }

  /** The leads of an export, in the view's order, from a cursor: one batch in memory at a time. */
  async *exportLeads(query: LeadExportQuery): AsyncGenerator<LeadView> {
    const spec = sortSpec(query.sortBy ?? 'createdAt', query.sortDir ?? 'desc');
    const cursor = this.models.Lead.find(selectionQuery(query))
      .sort(sortObject(spec))
      .batchSize(EXPORT_BATCH)
      .lean<LeadDoc>()
      .cursor();
    try {
      for await (const doc of cursor) yield toLeadView(doc as unknown as LeadDoc);
    } catch (err) {
      throw databaseError(err);
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  /** The failures of an export (a selection, a run's, or all), in the list's order, from a cursor. */
  async *exportFailures(query: FailureExportQuery): AsyncGenerator<FailureView> {
    const filter: Record<string, unknown> = { current: true };
    if (query.ids) filter._id = { $in: query.ids };
    if (query.runId) filter.runId = query.runId;
    const cursor = this.models.Failure.find(filter)
      .sort(query.runId ? { pos: 1 } : { runStartedAt: -1, pos: 1 })
      .batchSize(EXPORT_BATCH)
      .lean<FailureDoc>()
      .cursor();
    try {
      for await (const doc of cursor) yield toFailureView(doc as unknown as FailureDoc);
    } catch (err) {
      throw databaseError(err);
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  /** Deletes a selection of leads, or every lead of a filter, in one write. */
  async deleteLeads(selection: LeadSelection): Promise<{ deleted: number }> {
    const result = await guardDatabase(() => this.models.Lead.deleteMany(selectionQuery(selection)));
    return { deleted: result.deletedCount };
  }

  /**
   * A page of leads by keyset: the first page, the one after or before a cursor, or a jump to a page
   * number (bounded: LEADS_MAX_JUMP_ROWS). One query whatever the number of leads; counts are apart.
   */
  async listLeads(query: LeadsQuery = {}): Promise<LeadsPage> {
    const q = leadsListRequest.parse(query);
    const filter = leadsFilterQuery(q);
    const spec = sortSpec(q.sortBy, q.sortDir);
    const sortName = `${q.sortBy}:${q.sortDir}`;
    const cursor = q.after ?? q.before;
    const side = q.before ? 'before' : 'after';
    const skip = q.page ? (q.page - 1) * q.pageSize : 0;
    if (skip > LEADS_MAX_JUMP_ROWS) {
      throw new CoreError(
        'invalid_request',
        `Page ${q.page} is too far to jump to: page on from a nearer page, sort the other way, or search`,
      );
    }
    const where = cursor
      ? { $and: [filter, keysetCondition(spec, decodeCursor(cursor, sortName, spec), side)] }
      : filter;
    // One more than a page tells whether there is a page beyond it.
    const docs = await guardDatabase(() =>
      this.models.Lead.find(where)
        .sort(sortObject(spec, side === 'before'))
        .skip(skip)
        .limit(q.pageSize + 1)
        .lean<LeadDoc[]>(),
    );
    const more = docs.length > q.pageSize;
    const page = docs.slice(0, q.pageSize);
    if (side === 'before') page.reverse();
    const first = page[0];
    const last = page[page.length - 1];
    const at = (doc: LeadDoc | undefined) =>
      doc ? encodeCursor(sortName, spec, doc as unknown as Record<string, unknown>) : null;
    const hasPrev = q.before ? more : Boolean(q.after) || skip > 0;
    const hasNext = q.before ? true : more;
    return {
      items: page.map(toLeadView),
      pageSize: q.pageSize,
      page: cursor ? null : (q.page ?? 1),
      next: hasNext ? at(last) : null,
      prev: hasPrev ? at(first) : null,
    };
  }

  /** Leads per status for a filter (its status aside): one aggregation. */
  async countLeads(query: LeadsFilter = {}): Promise<LeadCounts> {
    const filter = leadsFilterQuery(leadsFilter.parse(query), { status: false });
    const rows = await guardDatabase(() =>
      this.models.Lead.aggregate<{ _id: LeadStatus; n: number }>([
        { $match: filter },
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ]),
    );
    const by = Object.fromEntries(rows.map((r) => [r._id, r.n]));
    const verified = by.Verified ?? 0;
    const toCheck = by['To Check'] ?? 0;
    const rejected = by.Rejected ?? 0;
    return { all: verified + toCheck + rejected, verified, toCheck, rejected };
  }

  /** How many leads a rule would move (no verdict: a person's decision stands): counts only. */
  async reclassifyPreview(rules: ClassifyRules): Promise<ReclassifyPreview> {
    const [toVerified, toToCheck, decided] = await guardDatabase(() =>
      Promise.all([
        this.models.Lead.countDocuments(reclassifyFilters(rules).toVerified),
        this.models.Lead.countDocuments(reclassifyFilters(rules).toToCheck),
        this.models.Lead.countDocuments({ verdict: { $ne: null } }),
      ]),
    );
    return { ...ruleOf(rules), toVerified, toToCheck, changes: toVerified + toToCheck, decided };
  }

  /** Moves every lead the rule disagrees with, in one bulk write of two updates; verdicts untouched. */
  async reclassify(rules: ClassifyRules): Promise<ReclassifyResult> {
    const filters = reclassifyFilters(rules);
    const now = new Date();
    const toToCheck = await guardDatabase(() => this.models.Lead.countDocuments(filters.toToCheck));
    const result = await guardDatabase(() =>
      this.models.Lead.bulkWrite(
        [
          {
            updateMany: {
              filter: filters.toVerified,
              update: { $set: { status: 'Verified', updatedAt: now } },
            },
          },
          {
            // A lead that is not Verified is not sent: an approval waiting for it is withdrawn.
            updateMany: {
              filter: filters.toToCheck,
              update: { $set: { status: 'To Check', approvedAt: null, updatedAt: now } },
            },
          },
        ],
        { ordered: false },
      ),
    );
    // The bulk result sums both updates: the second one's share was counted just before.
    const changed = result.modifiedCount;
    return { ...ruleOf(rules), toVerified: changed - toToCheck, toToCheck, changed };
  }

  /**
   * The overview's charts, each one aggregation over fields (no expressions, so an index serves the
   * match and any MongoDB-compatible server gives the same numbers): leads per country, per status, per
   * whole percent of probability (all leads, and those a threshold could move: no person's verdict), the
   * synced ones, and the current failures.
   */
  async overview(minSampleCount: number): Promise<OverviewView> {
    type Row = { _id?: string | number | null; n: number };
    const byField = (field: string) => [{ $group: { _id: `$${field}`, n: { $sum: 1 } } }];
    const [[facets], failures] = await guardDatabase(() =>
      Promise.all([
        this.models.Lead.aggregate<Record<string, Row[]>>([
          {
            $facet: {
              countries: byField('countryCode'),
              statuses: byField('status'),
              synced: [{ $match: { isCrmSynced: true } }, { $count: 'n' }],
              all: byField('probabilityPct'),
              runs: byField('runId'),
              movableVerified: [
                { $match: { status: 'Verified', verdict: null } },
                ...byField('probabilityPct'),
              ],
              // A lead short of the minimum sample count stays To Check at any threshold.
              movableToCheck: [
                {
                  $match: {
                    status: 'To Check',
                    verdict: null,
                    $or: [{ sampleCount: null }, { sampleCount: { $gte: minSampleCount } }],
                  },
                },
                ...byField('probabilityPct'),
              ],
            },
          },
        ]),
        this.models.Failure.aggregate<Row>([
          { $match: { current: true } },
          { $group: { _id: '$runId', n: { $sum: 1 } } },
        ]),
      ]),
    );
    const perRun = new Map<string, { leads: number; failed: number }>();
    const add = (rows: Row[] = [], field: 'leads' | 'failed') => {
      for (const { _id, n } of rows) {
        if (_id === null || _id === undefined) continue; // leads from before runs were kept
        const entry = perRun.get(String(_id)) ?? { leads: 0, failed: 0 };
        entry[field] += n;
        perRun.set(String(_id), entry);
      }
    };
    add(facets?.runs, 'leads');
    add(failures, 'failed');
    const runDocs = perRun.size
      ? await guardDatabase(() =>
          this.models.Run.find({ _id: { $in: [...perRun.keys()] } }, { kind: 1, startedAt: 1 })
            .sort({ startedAt: -1 })
            .limit(OVERVIEW_RUNS)
            .lean<Array<Pick<RunDoc, 'kind' | 'startedAt'> & { _id: Types.ObjectId }>>(),
        )
      : [];
    const histogram = (rows: Row[] = []): number[] => {
      const bins = Array<number>(101).fill(0);
      for (const { _id, n } of rows) if (typeof _id === 'number' && _id >= 0 && _id <= 100) bins[_id]! += n;
      return bins;
    };
    const statuses = Object.fromEntries((facets?.statuses ?? []).map((r) => [r._id, r.n]));
    return {
      countries: (facets?.countries ?? [])
        .filter((r): r is Row & { _id: string } => typeof r._id === 'string')
        .map((r) => ({ countryCode: r._id, country: countryName(r._id), leads: r.n }))
        .sort((a, b) => b.leads - a.leads || a.countryCode.localeCompare(b.countryCode)),
      status: {
        verified: statuses.Verified ?? 0,
        toCheck: statuses['To Check'] ?? 0,
        rejected: statuses.Rejected ?? 0,
        synced: facets?.synced?.[0]?.n ?? 0,
        failed: failures.reduce((sum, row) => sum + row.n, 0),
      },
      probability: {
        all: histogram(facets?.all),
        movableVerified: histogram(facets?.movableVerified),
        movableToCheck: histogram(facets?.movableToCheck),
      },
      runs: runDocs.map((run) => ({
        runId: String(run._id),
        kind: run.kind,
        startedAt: new Date(run.startedAt).toISOString(),
        ...perRun.get(String(run._id))!,
      })),
    };
  }

  /** Recent runs, and every run not finished (running, waiting for quota, interrupted) whatever its age. */
  async listRuns(self?: string, limit = MAX_RUNS_LISTED): Promise<RunView[]> {
    const [recent, open] = await guardDatabase(() =>
      Promise.all([
        this.models.Run.find().sort({ startedAt: -1 }).limit(limit).lean<RunDoc[]>(),
        this.models.Run.find({ state: { $in: ['running', 'waiting_quota', 'interrupted'] } }).lean<
          RunDoc[]
        >(),
      ]),
    );
    const byId = new Map([...open, ...recent].map((run) => [String(run._id), run]));
    return [...byId.values()]
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
      .map((run) => toRunView(run, self));
  }

  /** A page of the failed names (each name's latest failure), with the total and the runs that have some. */
  async listFailures(query: FailuresQuery = {}): Promise<FailuresPage> {
    const q = failuresListRequest.parse(query);
    const filter = q.runId ? { current: true, runId: q.runId } : { current: true };
    const [docs, total, runIds] = await guardDatabase(() =>
      Promise.all([
        this.models.Failure.find(filter)
          .sort(q.runId ? { pos: 1 } : { runStartedAt: -1, pos: 1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean<FailureDoc[]>(),
        this.models.Failure.countDocuments(filter),
        this.models.Failure.distinct('runId', { current: true }),
      ]),
    );
    const runs = runIds.length
      ? await guardDatabase(() =>
          this.models.Run.find({ _id: { $in: runIds } })
            .sort({ startedAt: -1 })
            .lean<RunDoc[]>(),
        )
      : [];
    return {
      items: docs.map(toFailureView),
      total,
      page: q.page,
      pageSize: q.pageSize,
      runs: runs.map((run) => toRunView(run)),
    };
  }

  /** Takes failures off the list (these, or all of a run's); a later failure of the same name shows again. */
  async dismissFailures(query: { ids?: string[]; runId?: string }): Promise<{ dismissed: number }> {
    const filter: Record<string, unknown> = { current: true };
    if (query.ids) filter._id = { $in: query.ids };
    if (query.runId) filter.runId = query.runId;
    const result = await guardDatabase(() =>
      this.models.Failure.updateMany(filter, { $set: { current: false, dismissedAt: new Date() } }),
    );
    return { dismissed: result.modifiedCount };
  }

  /**
   * The failures a retry asks for: these ids, or a run's, or (neither) all of them; latest ones only, and
   * never an entry refused for its text (an email, a placeholder): asking again cannot change that.
   */
  async failuresToRetry(query: { ids?: string[]; runId?: string }): Promise<FailureDoc[]> {
    const filter: Record<string, unknown> = { current: true, code: { $nin: ENTRY_FAILURE_CODES } };
    if (query.ids) filter._id = { $in: query.ids };
    if (query.runId) filter.runId = query.runId;
    return guardDatabase(() => this.models.Failure.find(filter).sort({ createdAt: 1 }).lean<FailureDoc[]>());
  }
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** What a new or refreshed lead keeps of the API's guess, besides its own fields. */
/**
 * What follows a lead's country: its search words and country sort key (its name sort key does not
 * change). The refresh passes the key, the name in lower case: the same words.
 */
function countryFields(name: string, countryCode: string, country: string) {
  const { words, countrySort } = leadSearchFields(name, countryCode, country);
  return { words, countrySort };
}

function guessFields(c: { countryCode: string; country: string; probability: number }) {
  return {
    guess: { countryCode: c.countryCode, country: c.country, probability: c.probability },
    probabilityPct: Math.floor(c.probability * 100),
  };
}

function toGuess(g: { countryCode?: string | null; country?: string | null; probability?: number | null }) {
  return { countryCode: g.countryCode ?? '', country: g.country ?? '', probability: g.probability ?? 0 };
}

function toLeadView(doc: LeadDoc): LeadView {
  return {
    id: String(doc._id),
    name: doc.name,
    countryCode: doc.countryCode,
    country: doc.country,
    probability: doc.probability,
    alternatives: (doc.alternatives ?? []).map(toGuess),
    sampleCount: doc.sampleCount ?? null,
    gender: (doc.gender ?? null) as LeadView['gender'],
    genderProbability: doc.genderProbability ?? null,
    age: doc.age ?? null,
    guess: doc.guess && doc.guess.countryCode !== doc.countryCode ? toGuess(doc.guess) : null,
    status: doc.status,
    verdict: doc.verdict
      ? { decision: doc.verdict.decision, by: doc.verdict.by, at: iso(doc.verdict.at) ?? '' }
      : null,
    isCrmSynced: doc.isCrmSynced ?? false,
    syncState: syncStateOf(doc),
    approved: crmStateOf(doc) === 'approved',
    crmSyncedAt: iso(doc.crmSyncedAt),
    syncError: doc.isCrmSynced ? null : (doc.syncError ?? null),
    createdAt: iso(doc.createdAt) ?? '',
    runId: doc.runId ? String(doc.runId) : null,
  };
}

function toFailureView(doc: FailureDoc): FailureView {
  return {
    id: doc._id,
    name: doc.name,
    code: doc.code,
    reason: doc.reason,
    length: doc.length ?? null,
    suggestion: doc.suggestion ?? null,
    retryable: isRetryable(doc.code),
    runId: String(doc.runId),
    createdAt: iso(doc.createdAt) ?? '',
  };
}

const ruleOf = (rules: ClassifyRules) => ({
  threshold: rules.threshold,
  minSampleCount: rules.minSampleCount,
});

/**
 * The leads a rule disagrees with, as plain filters (an index on status and probability serves them): a
 * lead is Verified when its top probability reaches the threshold and its sample count (when the API gave
 * one) the minimum. Leads with a verdict are left out.
 */
function reclassifyFilters({ threshold, minSampleCount }: ClassifyRules): {
  toVerified: Record<string, unknown>;
  toToCheck: Record<string, unknown>;
} {
  return {
    toVerified: {
      verdict: null,
      status: 'To Check',
      probability: { $gte: threshold },
      $or: [{ sampleCount: null }, { sampleCount: { $gte: minSampleCount } }],
    },
    toToCheck: {
      verdict: null,
      status: 'Verified',
      $or: [{ probability: { $lt: threshold } }, { sampleCount: { $lt: minSampleCount } }],
    },
  };
}

/** Whether asking again can ever succeed: not for an entry refused for its text. */
export function isRetryable(code: FailureCode): boolean {
  return !(ENTRY_FAILURE_CODES as readonly string[]).includes(code);
}

export type LeadSelection = { ids?: string[]; filter?: LeadsFilter };
export type LeadExportQuery = LeadSelection & { sortBy?: LeadSortField; sortDir?: 'asc' | 'desc' };
export type FailureExportQuery = { ids?: string[]; runId?: string };
const EXPORT_BATCH = 1000;

function selectionQuery(selection: LeadSelection): Record<string, unknown> {
  if (selection.ids) return { _id: { $in: selection.ids } };
  return leadsFilterQuery(leadsFilter.parse(selection.filter ?? {}));
}

export function toRunView(doc: RunDoc, self?: string): RunView {
  const owner = doc.owner as { instanceId?: string; host?: string } | null;
  return {
    id: String(doc._id),
    kind: doc.kind,
    state: doc.state,
    startedAt: iso(doc.startedAt) ?? '',
    finishedAt: iso(doc.finishedAt),
    durationMs: doc.durationMs ?? null,
    resumeAt: iso(doc.resumeAt),
    note: doc.note ?? null,
    owner: owner?.host ? { host: owner.host, self: owner.instanceId === self } : null,
    pasted: doc.pasted ?? 0,
    unique: doc.unique ?? 0,
    duplicatesFolded: doc.duplicatesFolded ?? 0,
    enriched: doc.enriched ?? 0,
    alreadyEnriched: doc.alreadyEnriched ?? 0,
    failed: doc.failed ?? 0,
    cancelled: doc.cancelled ?? 0,
    waiting: doc.waiting ?? 0,
    verified: doc.verified ?? 0,
    toCheck: doc.toCheck ?? 0,
  };
}
