// Mongoose schemas, bound to a connection (not the global mongoose) so the app can switch databases.
import { Schema, type Connection, type InferSchemaType, type Model, Types } from 'mongoose';
import { LEAD_STATUSES } from '@shared/contract';
import { CRM_MODES } from '@shared/crm';
import { FAILURE_CODES } from '@shared/failures';

const guessSchema = new Schema({ countryCode: String, country: String, probability: Number }, { _id: false });

const leadSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Case-insensitive identity of the name: one lead per name. */
    key: { type: String, required: true },
    countryCode: { type: String, required: true },
    country: { type: String, required: true },
    probability: { type: Number, required: true, min: 0, max: 1 },
    alternatives: { type: [guessSchema], default: [] },
    status: { type: String, enum: LEAD_STATUSES, required: true },
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
leadSchema.index({ country: 1, _id: 1 });
leadSchema.index({ probability: -1, _id: -1 });
// Serves the sync claim query (oldest first) and the sync-state filters of the table.
leadSchema.index({ status: 1, isCrmSynced: 1, syncFailed: 1, createdAt: 1 });
// The reviewed mode's claim (approved leads, oldest first), and counting an interrupted run's deliveries.
leadSchema.index({ approvedAt: 1, isCrmSynced: 1, createdAt: 1 });
leadSchema.index({ crmSyncRunId: 1 });

const runSchema = new Schema(
  {
    kind: { type: String, enum: ['paste', 'retry', 'refresh'], required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    durationMs: { type: Number, default: null },
    pasted: { type: Number, default: 0 },
    unique: { type: Number, default: 0 },
    duplicatesFolded: { type: Number, default: 0 },
    enriched: { type: Number, default: 0 },
    alreadyEnriched: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    cancelled: { type: Number, default: 0 },
    verified: { type: Number, default: 0 },
    toCheck: { type: Number, default: 0 },
  },
  { collection: 'enrichment_runs' },
);
runSchema.index({ startedAt: -1 });

const failureSchema = new Schema(
  {
    name: { type: String, required: true },
    key: { type: String, required: true },
    code: { type: String, enum: FAILURE_CODES, required: true },
    reason: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'failed_names' },
);
failureSchema.index({ runId: 1, createdAt: -1 });
failureSchema.index({ createdAt: -1 });

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
export type FailureDoc = InferSchemaType<typeof failureSchema> & { _id: Types.ObjectId };
export type SyncRunDoc = InferSchemaType<typeof syncRunSchema> & { _id: Types.ObjectId };

export interface Models {
  Lead: Model<LeadDoc>;
  Run: Model<RunDoc>;
  Failure: Model<FailureDoc>;
  SyncRun: Model<SyncRunDoc>;
}

export function bindModels(connection: Connection): Models {
  return {
    Lead: connection.model<LeadDoc>('Lead', leadSchema),
    Run: connection.model<RunDoc>('EnrichmentRun', runSchema),
    Failure: connection.model<FailureDoc>('FailedName', failureSchema),
    SyncRun: connection.model<SyncRunDoc>('SyncRun', syncRunSchema),
  };
}

export { Types };
