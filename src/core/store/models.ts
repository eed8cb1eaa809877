// Mongoose schemas, bound to a connection (not the global mongoose) so the app can switch databases.
import { Schema, type Connection, type InferSchemaType, type Model, Types } from 'mongoose';
import { ITEM_STATES, LEAD_STATUSES, RUN_KINDS, RUN_STATES } from '@shared/contract';
import { CRM_MODES } from '@shared/crm';
import { FAILURE_CODES } from '@shared/failures';

/** Bumped whenever an index below changes: each database builds its indexes once per version. */
export const INDEX_VERSION = 5;

const guessSchema = new Schema({ countryCode: String, country: String, probability: Number }, { _id: false });

const leadSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Case-insensitive identity of the name: one lead per name. */
    key: { type: String, required: true },
    /** The country of the lead: the API's top guess, or the one a person chose (see `verdict`). */
    countryCode: { type: String, required: true },
    country: { type: String, required: true },
    /** The probability of the API's top guess. */
    probability: { type: Number, required: true, min: 0, max: 1 },
    /** probability in whole percent (0..100), kept so charts group by a field, not an expression. */
    probabilityPct: { type: Number, required: true, min: 0, max: 100 },
    /** The API's top guess, kept as it was when a person chose another country. */
    guess: { type: guessSchema, default: null },
    /** The words of the name and the country, folded (case, accents): the search matches their starts. */
    words: { type: [String], default: undefined },
    /** The name folded for sorting (see @shared/search nameSortKey). */
    nameSort: { type: String },
    /** The country folded for sorting, the same way (see @shared/search sortKey). */
    countrySort: { type: String },
    alternatives: { type: [guessSchema], default: [] },
    /** How many people of that name the API's guess rests on. */
    sampleCount: { type: Number, default: null, min: 0 },
    /** From genderize.io and agify.io (optional, localised to the top country). */
    gender: { type: String, enum: ['male', 'female', null], default: null },
    genderProbability: { type: Number, min: 0, max: 1, default: null },
    age: { type: Number, min: 0, max: 130, default: null },
    status: { type: String, enum: LEAD_STATUSES, required: true },
    /** A person's decision: it stands until they undo it, whatever a refresh or a threshold says. */
    verdict: {
      type: new Schema(
        {
          decision: { type: String, enum: ['verified', 'rejected'], required: true },
          by: { type: String, required: true },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    isCrmSynced: { type: Boolean, default: false },
    runId: { type: Schema.Types.ObjectId, default: null },
    // CRM sync: state of delivery, and the claim that makes it exactly-once across apps.
    crmSyncedAt: { type: Date, default: null },
    syncAttempts: { type: Number, default: 0 },
    /** Deliveries the CRM definitely refused (a timeout does not count): part of the idempotency key. */
    syncRefusals: { type: Number, default: 0 },
    syncError: { type: String, default: null },
    syncNextAttemptAt: { type: Date, default: null },
    /** Gave up: a permanent refusal or too many attempts; only a person's retry resets it. */
    syncFailed: { type: Boolean, default: false },
    claimOwner: { type: String, default: null },
    claimToken: { type: Schema.Types.ObjectId, default: null },
    claimExpiresAt: { type: Date, default: null },
    /** A person approved it for sending: required in reviewed mode, and for any To Check lead. */
    approvedAt: { type: Date, default: null },
    // Where it went: the CRM, its record there, and the sync run that marked it synced.
    crmSystem: { type: String, enum: CRM_MODES, default: null },
    crmRecordId: { type: String, default: null },
    crmRecordUrl: { type: String, default: null },
    crmSyncRunId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true, collection: 'leads' },
);
leadSchema.index({ key: 1 }, { unique: true });
// The list queries: newest first, by tab, and each sortable column, ending on _id for stable pages.
leadSchema.index({ createdAt: -1, _id: -1 });
leadSchema.index({ status: 1, createdAt: -1, _id: -1 });
leadSchema.index({ countrySort: 1, _id: 1 });
leadSchema.index({ nameSort: 1, _id: 1 });
// Search: a word-prefix match (an anchored regex) is a range of this multikey index.
leadSchema.index({ words: 1 });
leadSchema.index({ probability: -1, _id: -1 });
// The overview's charts: by country, by status and probability band.
leadSchema.index({ countryCode: 1 });
leadSchema.index({ status: 1, probabilityPct: 1 });
// The leads of one run (a click on the overview's runs), newest first.
leadSchema.index({ runId: 1, createdAt: -1, _id: -1 });
// Serves the sync claim query (oldest first) and the sync-state filters of the table.
leadSchema.index({ status: 1, isCrmSynced: 1, syncFailed: 1, createdAt: 1 });
// The reviewed mode's claim (approved leads, oldest first), and counting an interrupted run's deliveries.
leadSchema.index({ approvedAt: 1, isCrmSynced: 1, createdAt: 1 });
leadSchema.index({ crmSyncRunId: 1 });

/** Who works on a run right now; the lease says until when, so others can tell a dead app from a live one. */
const ownerSchema = new Schema(
  { instanceId: String, host: String, pid: Number, leaseExpiresAt: Date },
  { _id: false },
);

const runSchema = new Schema(
  {
    kind: { type: String, enum: RUN_KINDS, required: true },
    state: { type: String, enum: RUN_STATES, required: true },
    /** A refresh asks the API again even for names it has answered. */
    force: { type: Boolean, default: false },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    durationMs: { type: Number, default: null },
    owner: { type: ownerSchema, default: null },
    /** Bumped by every takeover: of two apps taking a run at once, the one whose condition still holds wins. */
    rev: { type: Number, default: 0 },
    /** Waiting for quota: when the API said its window resets. */
    resumeAt: { type: Date, default: null },
    /** Why the run stopped, when it did not finish (the reason the quota or the database gave). */
    note: { type: String, default: null },
    pasted: { type: Number, default: 0 },
    unique: { type: Number, default: 0 },
    duplicatesFolded: { type: Number, default: 0 },
    enriched: { type: Number, default: 0 },
    alreadyEnriched: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    cancelled: { type: Number, default: 0 },
    waiting: { type: Number, default: 0 },
    verified: { type: Number, default: 0 },
    toCheck: { type: Number, default: 0 },
  },
  { collection: 'enrichment_runs' },
);
runSchema.index({ startedAt: -1 });
// Finding the runs to resume: interrupted, waiting for quota, or held by an app whose lease ran out.
runSchema.index({ state: 1, resumeAt: 1 });

/** One per distinct name of a run, stored before any lookup: its outcome is written as it arrives. */
const runItemSchema = new Schema(
  {
    runId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    /** Where it was first pasted, so the run's failures list in paste order. */
    pos: { type: Number, required: true },
    /** Later entries of the paste with the same key, folded into this one. */
    folded: { type: Number, default: 0 },
    state: { type: String, enum: ITEM_STATES, required: true },
    status: { type: String, enum: LEAD_STATUSES, default: null },
    code: { type: String, enum: FAILURE_CODES, default: null },
    reason: { type: String, default: null },
    /** The entry's length in characters when only its start is kept (an entry over the limit). */
    length: { type: Number, default: null },
  },
  { collection: 'run_items' },
);
runItemSchema.index({ runId: 1, key: 1 }, { unique: true });
runItemSchema.index({ runId: 1, state: 1 });

/** Every answer of the API (a prediction or none), kept per name for every app on this database. */
const answerSchema = new Schema(
  {
    /** runId|key: a retried write of the same answer is recognised, not stored twice. */
    _id: { type: String, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    count: { type: Number, default: null, min: 0 },
    countries: {
      type: [
        new Schema(
          {
            countryCode: { type: String, required: true, match: /^[A-Z]{2}$/ },
            probability: { type: Number, required: true, min: 0, max: 1 },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    runId: { type: Schema.Types.ObjectId, required: true },
    answeredAt: { type: Date, required: true },
    /** genderize.io and agify.io, when they were asked: localised to countryId, the top country. */
    gender: {
      type: new Schema(
        {
          value: { type: String, enum: ['male', 'female', null], default: null },
          probability: { type: Number, min: 0, max: 1, default: 0 },
          count: { type: Number, min: 0, default: null },
          countryId: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    age: {
      type: new Schema(
        {
          value: { type: Number, min: 0, max: 130, default: null },
          count: { type: Number, min: 0, default: null },
          countryId: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { collection: 'name_answers' },
);
answerSchema.index({ key: 1, answeredAt: -1 });

/** A name being looked up right now by one run of one app; others wait for its answer until it expires. */
const claimSchema = new Schema(
  {
    key: { type: String, required: true },
    owner: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    token: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'name_claims' },
);
claimSchema.index({ key: 1 }, { unique: true });
claimSchema.index({ token: 1 });

/**
 * A name's failures, one per run (runId|key), so runs never delete each other's records. The latest is
 * `current`: a run that settles a name marks the older records of that name not current, in the write,
 * while it holds the name's claim, so two runs never race on one name.
 */
const failureSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    key: { type: String, required: true },
    code: { type: String, enum: FAILURE_CODES, required: true },
    reason: { type: String, required: true },
    length: { type: Number, default: null },
    /** A name guessed from an entry that is not one ("Jane Doe" from jane.doe@acme.com). */
    suggestion: { type: String, default: null },
    runId: { type: Schema.Types.ObjectId, required: true },
    /** When its run started and where the name was in it: newest runs first, each in paste order. */
    runStartedAt: { type: Date, required: true },
    pos: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    current: { type: Boolean, required: true },
    /** A person took it off the list (it is then not current). */
    dismissedAt: { type: Date, default: null },
  },
  { collection: 'failed_names' },
);
failureSchema.index({ current: 1, runStartedAt: -1, pos: 1 });
failureSchema.index({ runId: 1, current: 1, pos: 1 });
failureSchema.index({ key: 1, current: 1 });

/** The API quota last seen for a key (by fingerprint), shared by the apps on this database. */
const quotaSchema = new Schema(
  {
    _id: { type: String, required: true },
    limit: { type: Number, default: null },
    remaining: { type: Number, default: null },
    resetsAt: { type: Date, default: null },
    seenAt: { type: Date, required: true },
  },
  { collection: 'api_quota' },
);

/** One document: the version of the indexes last built on this database. */
const metaSchema = new Schema(
  { _id: { type: String, required: true }, version: { type: Number, required: true } },
  { collection: 'meta' },
);

const syncRunSchema = new Schema(
  {
    instanceId: { type: String, required: true },
    trigger: { type: String, enum: ['schedule', 'manual', 'cli'], required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    claimed: { type: Number, default: 0 },
    delivered: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    error: { type: String, default: null },
    failures: { type: [new Schema({ name: String, reason: String }, { _id: false })], default: [] },
    /** The app renews this while the run lives; a run left unfinished past it was interrupted. */
    leaseExpiresAt: { type: Date, default: null },
    /** Closed by another app's run because this one's app died; `delivered` was counted from the leads. */
    interrupted: { type: Boolean, default: false },
    closedByRunId: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'sync_runs' },
);
syncRunSchema.index({ startedAt: -1 });
syncRunSchema.index({ finishedAt: 1, leaseExpiresAt: 1 });

export type LeadDoc = InferSchemaType<typeof leadSchema> & { _id: Types.ObjectId };
export type RunDoc = InferSchemaType<typeof runSchema> & { _id: Types.ObjectId };
export type RunItemDoc = InferSchemaType<typeof runItemSchema> & { _id: Types.ObjectId };
export type AnswerDoc = InferSchemaType<typeof answerSchema>;
export type ClaimDoc = InferSchemaType<typeof claimSchema> & { _id: Types.ObjectId };
export type FailureDoc = InferSchemaType<typeof failureSchema>;
export type MetaDoc = InferSchemaType<typeof metaSchema>;
export type QuotaDoc = InferSchemaType<typeof quotaSchema>;
export type SyncRunDoc = InferSchemaType<typeof syncRunSchema> & { _id: Types.ObjectId };

export interface Models {
  Lead: Model<LeadDoc>;
  Run: Model<RunDoc>;
  RunItem: Model<RunItemDoc>;
  Answer: Model<AnswerDoc>;
  Claim: Model<ClaimDoc>;
  Failure: Model<FailureDoc>;
  Meta: Model<MetaDoc>;
  Quota: Model<QuotaDoc>;
  SyncRun: Model<SyncRunDoc>;
}

/**
 * Documents validated at once. A mongoose document allocates about 100 KB while it validates: a flush of
 * 1,000 leads validated together held some 100 MB, long enough to leave the young generation.
 */
const VALIDATE_AT_ONCE = 20;

/**
 * Values cast and checked by the model's schema (defaults filled), as plain objects for a bulk insert,
 * which skips the schema. `described` turns a refusal into the error to throw for that value.
 */
export async function throughSchema(
  model: new (value: object) => { validate(): Promise<unknown>; toObject(): object },
  values: readonly object[],
  described: (err: Error, index: number) => Error = (err) => err,
): Promise<Array<Record<string, unknown>>> {
  const checked: Array<Record<string, unknown>> = [];
  for (let start = 0; start < values.length; start += VALIDATE_AT_ONCE) {
    const group = values.slice(start, start + VALIDATE_AT_ONCE);
    const docs = await Promise.all(
      group.map(async (value, i) => {
        const doc = new model(value);
        await doc.validate().catch((err: Error) => {
          throw described(err, start + i);
        });
        return doc.toObject() as Record<string, unknown>;
      }),
    );
    checked.push(...docs);
  }
  return checked;
}

export function bindModels(connection: Connection): Models {
  return {
    Lead: connection.model<LeadDoc>('Lead', leadSchema),
    Run: connection.model<RunDoc>('EnrichmentRun', runSchema),
    RunItem: connection.model<RunItemDoc>('RunItem', runItemSchema),
    Answer: connection.model<AnswerDoc>('NameAnswer', answerSchema),
    Claim: connection.model<ClaimDoc>('NameClaim', claimSchema),
    Failure: connection.model<FailureDoc>('FailedName', failureSchema),
    Meta: connection.model<MetaDoc>('Meta', metaSchema),
    Quota: connection.model<QuotaDoc>('ApiQuota', quotaSchema),
    SyncRun: connection.model<SyncRunDoc>('SyncRun', syncRunSchema),
  };
}

export { Types };
