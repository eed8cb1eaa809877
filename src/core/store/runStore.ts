// The database side of durable enrichment runs: the run and its names, stored before any lookup; the
// claims that keep two apps from asking the API for one name; the answers every app shares; and each
// name's outcome, written as it arrives. Every write is idempotent, so a write retried after the
// database came back (or after a crash) cannot give a name two outcomes.
import { Types } from 'mongoose';
import type { ItemState, LeadStatus, RunKind, RunState } from '@shared/contract';
import type { FailureCode } from '@shared/failures';
import type { Classification } from '../classify';
import { databaseError, guardDatabase, isDuplicateKeyError } from '../errors';
import type { CountryPrediction } from '../nationalize/answers';
import type { LeadStore, NewLead } from './leadStore';
import { throughSchema, type Models, type RunDoc, type RunItemDoc } from './models';

export interface RunOwner {
  instanceId: string;
  host: string;
  pid: number;
}

export interface NewRun {
  _id: Types.ObjectId;
  kind: RunKind;
  force: boolean;
  startedAt: Date;
  owner: RunOwner;
  leaseExpiresAt: Date;
  pasted: number;
  unique: number;
  duplicatesFolded: number;
}

export interface NewItem {
  key: string;
  name: string;
  pos: number;
  folded: number;
  /** Open ('pending'), or settled at once (an entry that is not a name). */
  state: 'pending' | 'failed';
  code?: FailureCode;
  reason?: string;
  length?: number;
  /** A name guessed from an entry that is not one (an email address). */
  suggestion?: string;
}

/** A name's answer as stored: what the API said, when, and by which run. */
export interface StoredAnswer {
  key: string;
  name: string;
  count: number | null;
  countries: CountryPrediction[];
  answeredAt: Date;
  /** genderize.io's answer, localised to `countryId` (the top country), when it was asked. */
  gender?: {
    value: 'male' | 'female' | null;
    probability: number;
    count: number | null;
    countryId: string | null;
  };
  /** agify.io's answer, localised likewise. */
  age?: { value: number | null; count: number | null; countryId: string | null };
}

export interface ClaimTicket {
  owner: string;
  runId: Types.ObjectId;
  token: Types.ObjectId;
  expiresAt: Date;
}

export interface ClaimResult {
  /** Names this run now holds. */
  mine: Set<string>;
  /** Names another run holds, with when its claim runs out. */
  others: Map<string, Date>;
}

export type ItemOutcome =
  | { key: string; state: 'lead'; status: LeadStatus }
  | { key: string; state: 'known' | 'waiting' }
  | { key: string; state: 'failed' | 'cancelled'; code: FailureCode; reason: string };

export interface FailureRecord {
  key: string;
  /** The name's place in its run. */
  pos: number;
  name: string;
  code: FailureCode;
  reason: string;
  length?: number | null;
  suggestion?: string | null;
}

/** Everything one flush writes; each part may be empty. */
export interface OutcomeBatch {
  runId: Types.ObjectId;
  runStartedAt: Date;
  token: Types.ObjectId;
  at: Date;
  answers: StoredAnswer[];
  /** New leads; a key another run stored first turns its 'lead' outcome into 'known'. */
  leads: NewLead[];
  /** Leads looked up again (a refresh): their enrichment is rewritten in place. */
  refreshed: Array<{ key: string; classification: Classification }>;
  /** Names settled under this run's claim: their older failure records stop being current. */
  settled: string[];
  failures: FailureRecord[];
  outcomes: ItemOutcome[];
  /** Claims to give back: names whose outcome is written, or that wait for the quota. */
  release: string[];
}

export type RunCounts = Record<ItemState, number> & { verified: number; toCheck: number };

export interface RunFinish {
  state: RunState;
  counts: RunCounts;
  finishedAt: Date | null;
  durationMs: number | null;
  resumeAt: Date | null;
  note: string | null;
}

/** Items that can still change: not looked up yet, or waiting for the quota. */
export const OPEN_STATES: readonly ItemState[] = ['pending', 'waiting'];
/** Keys per query or write, so a 100,000-name run never builds one huge message. */
const CHUNK = 10_000;

export interface RunStore {
  createRun(run: NewRun, items: readonly NewItem[]): Promise<void>;
  /** Takes a run over (to resume it): only if nobody holds a live lease on it, or the holder is dead. */
  takeRun(
    runId: Types.ObjectId,
    owner: RunOwner,
    leaseMs: number,
    isDead: (o: RunOwner) => boolean,
  ): Promise<RunDoc | null>;
  /** Runs another app could resume now: interrupted, held by an expired lease, or whose quota has reset. */
  resumableRuns(now: Date): Promise<RunDoc[]>;
  /** When the earliest run waiting for quota may go on, if any. */
  nextResumeAt(): Promise<Date | null>;
  renewLease(
    runId: Types.ObjectId,
    owner: RunOwner,
    leaseMs: number,
    token: Types.ObjectId,
  ): Promise<boolean>;
  openItems(runId: Types.ObjectId): Promise<RunItemDoc[]>;
  counts(runId: Types.ObjectId): Promise<RunCounts>;
  failedItems(runId: Types.ObjectId): Promise<RunItemDoc[]>;
  /** The leads of these names: which run stored each, and its status. */
  leadsOf(keys: readonly string[]): Promise<Map<string, { runId: string | null; status: LeadStatus }>>;
  freshAnswers(keys: readonly string[], since: Date): Promise<Map<string, StoredAnswer>>;
  claim(keys: readonly string[], ticket: ClaimTicket, now?: Date): Promise<ClaimResult>;
  /** Who holds these names now (expired claims included): names missing from the map are free. */
  claimsOf(keys: readonly string[]): Promise<Map<string, Date>>;
  release(token: Types.ObjectId, keys?: readonly string[]): Promise<void>;
  writeOutcomes(batch: OutcomeBatch): Promise<{ known: Set<string> }>;
  finishRun(runId: Types.ObjectId, finish: RunFinish): Promise<void>;
}

export function emptyCounts(): RunCounts {
  return { pending: 0, lead: 0, known: 0, failed: 0, cancelled: 0, waiting: 0, verified: 0, toCheck: 0 };
}

const chunks = <T>(list: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

export class MongoRunStore implements RunStore {
  constructor(
    private readonly models: Models,
    private readonly leads: LeadStore,
  ) {}

  async createRun(run: NewRun, items: readonly NewItem[]): Promise<void> {
    const { leaseExpiresAt, owner, ...rest } = run;
    const doc = new this.models.Run({
      ...rest,
      state: 'running',
      owner: { ...owner, leaseExpiresAt },
      rev: 0,
    });
    await guardDatabase(() => this.models.Run.collection.insertOne(doc.toObject()));
    for (const part of chunks(items)) {
      const docs = part.map((item) => ({
        runId: run._id,
        key: item.key,
        name: item.name,
        pos: item.pos,
        folded: item.folded,
        state: item.state,
        status: null,
        code: item.code ?? null,
        reason: item.reason ?? null,
        length: item.length ?? null,
      }));
      await this.insertIdempotent(this.models.RunItem, docs, {
        of: (d) => d.key,
        stored: (rest) => ({ runId: run._id, key: { $in: rest.map((d) => d.key) } }),
      });
    }
  }

  async takeRun(
    runId: Types.ObjectId,
    owner: RunOwner,
    leaseMs: number,
    isDead: (o: RunOwner) => boolean,
  ): Promise<RunDoc | null> {
    const now = new Date();
    const run = await guardDatabase(() => this.models.Run.findById(runId).lean<RunDoc>());
    if (!run || !['running', 'interrupted', 'waiting_quota'].includes(run.state)) return null;
    const held = run.owner as (RunOwner & { leaseExpiresAt?: Date }) | null;
    const live = held?.leaseExpiresAt && held.leaseExpiresAt > now && !isDead(held);
    if (run.state === 'running' && live && held.instanceId !== owner.instanceId) return null;
    // The condition repeats what was read, so of two apps taking it at once only one gets it.
    const result = await guardDatabase(() =>
      this.models.Run.updateOne(
        { _id: runId, rev: run.rev ?? 0 },
        {
          $inc: { rev: 1 },
          $set: {
            state: 'running',
            owner: { ...owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
            resumeAt: null,
            finishedAt: null,
          },
        },
      ),
    );
    if (result.modifiedCount !== 1) return null;
    // The names its last holder claimed go back: this app claims again what it still has to ask.
    await guardDatabase(() => this.models.Claim.deleteMany({ runId }));
    return { ...run, state: 'running' };
  }

  async resumableRuns(now: Date): Promise<RunDoc[]> {
    return guardDatabase(() =>
      this.models.Run.find({
        $or: [
          { state: 'interrupted' },
          { state: 'running' },
          { state: 'waiting_quota', resumeAt: { $lte: now } },
        ],
      })
        .sort({ startedAt: 1 })
        .lean<RunDoc[]>(),
    );
  }

  async nextResumeAt(): Promise<Date | null> {
    const run = await guardDatabase(() =>
      this.models.Run.findOne({ state: 'waiting_quota' }).sort({ resumeAt: 1 }).lean<RunDoc>(),
    );
    return run?.resumeAt ?? null;
  }

  async renewLease(
    runId: Types.ObjectId,
    owner: RunOwner,
    leaseMs: number,
    token: Types.ObjectId,
  ): Promise<boolean> {
    const until = new Date(Date.now() + leaseMs);
    const [run] = await guardDatabase(() =>
      Promise.all([
        this.models.Run.updateOne(
          { _id: runId, state: 'running', 'owner.instanceId': owner.instanceId },
          { $set: { 'owner.leaseExpiresAt': until } },
        ),
        this.models.Claim.updateMany({ token }, { $set: { expiresAt: until } }),
      ]),
    );
    return run.matchedCount === 1;
  }

  async openItems(runId: Types.ObjectId): Promise<RunItemDoc[]> {
    return guardDatabase(() =>
      this.models.RunItem.find({ runId, state: { $in: OPEN_STATES } })
        .sort({ pos: 1 })
        .lean<RunItemDoc[]>(),
    );
  }

  async failedItems(runId: Types.ObjectId): Promise<RunItemDoc[]> {
    return guardDatabase(() =>
      this.models.RunItem.find({ runId, state: 'failed' }).sort({ pos: 1 }).lean<RunItemDoc[]>(),
    );
  }

  async counts(runId: Types.ObjectId): Promise<RunCounts> {
    type Row = { _id: string; n: number };
    const [result] = await guardDatabase(() =>
      this.models.RunItem.aggregate<{ byState: Row[]; byStatus: Row[] }>([
        { $match: { runId } },
        {
          $facet: {
            byState: [{ $group: { _id: '$state', n: { $sum: 1 } } }],
            byStatus: [{ $match: { state: 'lead' } }, { $group: { _id: '$status', n: { $sum: 1 } } }],
          },
        },
      ]),
    );
    const counts = emptyCounts();
    for (const { _id, n } of result?.byState ?? []) {
      if (_id in counts) counts[_id as ItemState] += n;
    }
    for (const { _id, n } of result?.byStatus ?? []) counts[_id === 'Verified' ? 'verified' : 'toCheck'] += n;
    return counts;
  }

  async leadsOf(keys: readonly string[]): Promise<Map<string, { runId: string | null; status: LeadStatus }>> {
    return this.leads.leadsOfKeys(keys);
  }

  async freshAnswers(keys: readonly string[], since: Date): Promise<Map<string, StoredAnswer>> {
    const found = new Map<string, StoredAnswer>();
    for (const part of chunks(keys)) {
      const docs = await guardDatabase(() =>
        this.models.Answer.find({ key: { $in: part }, answeredAt: { $gte: since } })
          .batchSize(part.length)
          .lean(),
      );
      for (const doc of docs) {
        const seen = found.get(doc.key);
        if (seen && seen.answeredAt >= doc.answeredAt) continue;
        found.set(doc.key, {
          key: doc.key,
          name: doc.name,
          count: doc.count ?? null,
          countries: (doc.countries ?? []).map((c) => ({
            country_id: c.countryCode,
            probability: c.probability,
          })),
          answeredAt: doc.answeredAt,
          ...(doc.gender
            ? {
                gender: {
                  value: (doc.gender.value ?? null) as 'male' | 'female' | null,
                  probability: doc.gender.probability ?? 0,
                  count: doc.gender.count ?? null,
                  countryId: doc.gender.countryId ?? null,
                },
              }
            : {}),
          ...(doc.age
            ? {
                age: {
                  value: doc.age.value ?? null,
                  count: doc.age.count ?? null,
                  countryId: doc.age.countryId ?? null,
                },
              }
            : {}),
        });
      }
    }
    return found;
  }

  async claim(keys: readonly string[], ticket: ClaimTicket, now = new Date()): Promise<ClaimResult> {
    const mine = new Set<string>();
    const others = new Map<string, Date>();
    for (const part of chunks(keys)) {
      let open = [...part];
      // Each round inserts claims where there are none and takes over expired ones (or this run's own,
      // left by an app that died); the bound only guards against a database that changes under us.
      for (let round = 0; open.length > 0 && round < 5; round++) {
        const inserted = await this.tryInsertClaims(open, ticket);
        if (inserted) {
          for (const key of open) mine.add(key);
          break;
        }
        const held = await this.claimDocs(open);
        const takeable = held.filter(
          (c) => !c.token.equals(ticket.token) && (c.expiresAt <= now || c.runId.equals(ticket.runId)),
        );
        if (takeable.length) {
          await guardDatabase(() =>
            this.models.Claim.updateMany(
              {
                key: { $in: takeable.map((c) => c.key) },
                $or: [{ expiresAt: { $lte: now } }, { runId: ticket.runId }],
              },
              { $set: { owner: ticket.owner, token: ticket.token, expiresAt: ticket.expiresAt } },
            ),
          );
        }
        const after = takeable.length ? await this.claimDocs(open) : held;
        const present = new Set<string>();
        for (const c of after) {
          present.add(c.key);
          if (c.token.equals(ticket.token)) mine.add(c.key);
          else others.set(c.key, c.expiresAt);
        }
        open = open.filter((key) => !present.has(key));
      }
    }
    return { mine, others };
  }

  async claimsOf(keys: readonly string[]): Promise<Map<string, Date>> {
    const docs = await this.claimDocs(keys);
    return new Map(docs.map((c) => [c.key, c.expiresAt]));
  }

  async release(token: Types.ObjectId, keys?: readonly string[]): Promise<void> {
    if (keys && keys.length === 0) return;
    if (!keys) {
      await guardDatabase(() => this.models.Claim.deleteMany({ token }));
      return;
    }
    for (const part of chunks(keys)) {
      await guardDatabase(() => this.models.Claim.deleteMany({ token, key: { $in: part } }));
    }
  }

  async writeOutcomes(batch: OutcomeBatch): Promise<{ known: Set<string> }> {
    // First what must not be lost (answers paid for, leads, failure records), then the items that
    // say so: a crash in between leaves the items open, and the next run finds the rest stored.
    const [inserted] = await Promise.all([
      batch.leads.length
        ? this.leads.insertLeads(batch.leads, batch.runId)
        : Promise.resolve({ duplicateKeys: new Set<string>() }),
      this.insertAnswers(batch),
      this.leads.updateEnrichment(batch.refreshed),
      this.writeFailures(batch),
    ]);
    const known = inserted.duplicateKeys;
    const outcomes = batch.outcomes.map((o) =>
      o.state === 'lead' && known.has(o.key) ? { key: o.key, state: 'known' as const } : o,
    );
    await Promise.all([this.writeItems(batch.runId, outcomes), this.release(batch.token, batch.release)]);
    return { known };
  }

  async finishRun(runId: Types.ObjectId, finish: RunFinish): Promise<void> {
    const { counts } = finish;
    await guardDatabase(() =>
      this.models.Run.updateOne(
        { _id: runId },
        {
          $set: {
            state: finish.state,
            owner: null,
            finishedAt: finish.finishedAt,
            durationMs: finish.durationMs,
            resumeAt: finish.resumeAt,
            note: finish.note,
            enriched: counts.lead,
            alreadyEnriched: counts.known,
            failed: counts.failed,
            cancelled: counts.cancelled,
            waiting: counts.waiting + counts.pending,
            verified: counts.verified,
            toCheck: counts.toCheck,
          },
        },
      ),
    );
  }

  private async insertAnswers(batch: OutcomeBatch): Promise<void> {
    if (batch.answers.length === 0) return;
    // The schema checks every value again: nothing the API did not give can be stored.
    const docs = await throughSchema(
      this.models.Answer,
      batch.answers.map((a) => ({
        _id: `${String(batch.runId)}|${a.key}`,
        key: a.key,
        name: a.name,
        count: a.count,
        countries: a.countries.map((c) => ({ countryCode: c.country_id, probability: c.probability })),
        runId: batch.runId,
        answeredAt: a.answeredAt,
        gender: a.gender ?? null,
        age: a.age ?? null,
      })),
    );
    await this.insertIdempotent(this.models.Answer, docs as Array<{ _id: string }>, BY_ID);
  }

  private async writeFailures(batch: OutcomeBatch): Promise<void> {
    const { runId, at } = batch;
    const docs = batch.failures.map((f) => ({
      _id: `${String(runId)}|${f.key}`,
      name: f.name,
      key: f.key,
      code: f.code,
      reason: f.reason,
      length: f.length ?? null,
      suggestion: f.suggestion ?? null,
      runId,
      runStartedAt: batch.runStartedAt,
      pos: f.pos,
      createdAt: at,
      current: true,
    }));
    const settled = [...new Set([...batch.settled, ...docs.map((d) => d.key)])];
    if (settled.length === 0) return;
    const supersede = (keys: string[]) => ({
      updateMany: {
        filter: { key: { $in: keys }, current: true, runId: { $ne: runId } },
        update: { $set: { current: false } },
      },
    });
    // One round trip: older records stop being current and this run's are inserted, in that order.
    const parts = chunks(settled);
    try {
      await this.models.Failure.bulkWrite(
        [...parts.map(supersede), ...docs.map((document) => ({ insertOne: { document } }))],
        { ordered: true },
      );
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw databaseError(err);
      // A retry of a write that had landed: the older records are superseded; insert what is missing.
      await this.insertIdempotent(this.models.Failure, docs, BY_ID);
    }
  }

  /** One conditional updateMany per kind of outcome: an item settled already is never rewritten. */
  private async writeItems(runId: Types.ObjectId, outcomes: readonly ItemOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const groups = new Map<string, { set: Record<string, unknown>; keys: string[] }>();
    for (const o of outcomes) {
      const set = {
        state: o.state,
        status: o.state === 'lead' ? o.status : null,
        code: 'code' in o ? o.code : null,
        reason: 'reason' in o ? o.reason : null,
      };
      const id = JSON.stringify(set);
      const group = groups.get(id) ?? { set, keys: [] as string[] };
      group.keys.push(o.key);
      groups.set(id, group);
    }
    await guardDatabase(() =>
      this.models.RunItem.bulkWrite(
        [...groups.values()].map(({ set, keys }) => ({
          updateMany: {
            filter: { runId, key: { $in: keys }, state: { $in: OPEN_STATES } },
            update: { $set: set },
          },
        })),
        { ordered: false },
      ),
    );
  }

  private async claimDocs(keys: readonly string[]) {
    return guardDatabase(() =>
      this.models.Claim.find({ key: { $in: keys } })
        .batchSize(Math.max(keys.length, 1))
        .lean<Array<{ key: string; token: Types.ObjectId; runId: Types.ObjectId; expiresAt: Date }>>(),
    );
  }

  /** Inserts claims; false when some key is claimed already (then nothing, or part, was inserted). */
  private async tryInsertClaims(keys: readonly string[], ticket: ClaimTicket): Promise<boolean> {
    try {
      await this.models.Claim.collection.insertMany(
        keys.map((key) => ({ key, ...ticket })),
        { ordered: false },
      );
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw databaseError(err);
    }
  }

  /**
   * Inserts documents whose identity makes a repeat recognisable: after a duplicate-key error (a write
   * retried after a lost answer, or a server that rejects a whole unordered batch for one duplicate), it
   * asks which are stored and inserts the rest.
   */
  private async insertIdempotent<T extends object>(
    model: Models[keyof Models],
    docs: T[],
    identity: { of: (doc: T) => string; stored: (docs: T[]) => Record<string, unknown> },
  ): Promise<void> {
    let rest = docs;
    for (let round = 0; rest.length > 0 && round < 5; round++) {
      try {
        await model.collection.insertMany(rest as never[], { ordered: false });
        return;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw databaseError(err);
      }
      const filter = identity.stored(rest);
      const found = await guardDatabase(() =>
        (model as Models['RunItem']).find(filter).batchSize(rest.length).lean<T[]>(),
      );
      const storedIds = new Set(found.map(identity.of));
      rest = rest.filter((d) => !storedIds.has(identity.of(d)));
    }
  }
}

/** Identities of documents keyed by a string _id. */
const BY_ID = {
  of: (d: { _id: string }) => d._id,
  stored: (docs: Array<{ _id: string }>) => ({ _id: { $in: docs.map((d) => d._id) } }),
};
