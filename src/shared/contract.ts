// The typed IPC contract: request schemas (validated in main and in the browser bridge) and the
// response types every side agrees on. Channel names live in ./channels.
import { z } from 'zod';
import { IpcChannel, IpcEvent } from './channels';
import { FAILURE_CODES, type FailureCode } from './failures';

export const LEAD_STATUSES = ['Verified', 'To Check'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const RUN_KINDS = ['paste', 'retry', 'refresh'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
/** A run is stored before any lookup and is always in one of these states. */
export const RUN_STATES = ['running', 'waiting_quota', 'interrupted', 'cancelled', 'done'] as const;
export type RunState = (typeof RUN_STATES)[number];
/** Runs that still have names to settle. */
export const OPEN_RUN_STATES: readonly RunState[] = ['running', 'waiting_quota', 'interrupted'];
/** Each distinct name of a run: open (pending, waiting for quota) or settled with one outcome. */
export const ITEM_STATES = ['pending', 'lead', 'known', 'failed', 'cancelled', 'waiting'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

const id = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character hex id');

export const enrichStartRequest = z.object({
  text: z.string().max(10_000_000, 'the pasted text is larger than 10 MB'),
});
export const enrichPlanRequest = enrichStartRequest;
export const enrichCancelRequest = z.object({ runId: id.optional() }).default({});

/** Where a lead stands with the CRM: To Check leads are never sent ('not_applicable'). */
export const SYNC_STATES = ['pending', 'synced', 'failed', 'not_applicable'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const LEAD_SORT_FIELDS = ['name', 'country', 'probability', 'createdAt'] as const;
export type LeadSortField = (typeof LEAD_SORT_FIELDS)[number];

export const leadsListRequest = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  syncState: z.enum(SYNC_STATES).optional(),
  search: z.string().max(200).optional(),
  sortBy: z.enum(LEAD_SORT_FIELDS).default('createdAt'),
  sortDir: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type LeadsQuery = z.input<typeof leadsListRequest>;

export const leadsRefreshRequest = z.object({ ids: z.array(id).min(1).max(10_000) });
export const failuresListRequest = z
  .object({
    runId: id.optional(),
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(100),
  })
  .default({ page: 1, pageSize: 100 });
export type FailuresQuery = z.input<typeof failuresListRequest>;
/** A failure's id: the run and the name it is about. */
const failureId = z.string().min(26).max(400);
/**
 * Retry the given failures, or every failure of a run, or (neither given) every failure. `force` asks the
 * API again even for names it has answered (a name with no prediction).
 */
export const failuresRetryRequest = z.object({
  ids: z.array(failureId).max(100_000).optional(),
  runId: id.optional(),
  force: z.boolean().optional(),
});
export const emptyRequest = z.undefined().or(z.object({}).strict());
export const syncConfigureRequest = z.object({
  enabled: z.boolean().optional(),
  // Minutes between runs ("5") or a cron expression ("*/15 9-18 * * 1-5").
  schedule: z.string().trim().min(1).max(100).optional(),
});
const secretInput = z.string().trim().min(1).max(2000).nullable();
/** A partial change of the settings; secrets come in clear and are encrypted in main; null clears one. */
export const settingsUpdateRequest = z
  .object({
    database: z
      .object({
        mode: z.enum(['local', 'uri']).optional(),
        uri: secretInput.optional(),
        name: z.string().optional(),
      })
      .strict()
      .optional(),
    nationalize: z
      .object({
        baseUrl: z.string().optional(),
        apiKey: secretInput.optional(),
        concurrency: z.number().optional(),
        reuseAnswersDays: z.number().optional(),
      })
      .strict()
      .optional(),
    verifiedThreshold: z.number().optional(),
    sync: z.object({ enabled: z.boolean().optional(), schedule: z.string().optional() }).strict().optional(),
    crm: z
      .object({
        mode: z.enum(['simulated', 'webhook']).optional(),
        webhookUrl: z.string().trim().max(2000).nullable().optional(),
        webhookSecret: secretInput.optional(),
      })
      .strict()
      .optional(),
    allowPlaintextSecrets: z.boolean().optional(),
    firstRunDone: z.boolean().optional(),
  })
  .strict();
export type SettingsUpdate = z.input<typeof settingsUpdateRequest>;
/** Each test tries the given value, or the saved one when it is left out. */
export const testDatabaseRequest = z
  .object({ uri: z.string().trim().min(1).max(2000).optional() })
  .default({});
export const testApiKeyRequest = z
  .object({ apiKey: z.string().trim().max(200).optional(), baseUrl: z.string().optional() })
  .default({});
export const testWebhookRequest = z
  .object({ url: z.string().trim().max(2000).optional(), secret: z.string().max(2000).optional() })
  .default({});

export const syncRetryLeadsRequest = z.object({ ids: z.array(id).min(1).max(100_000) });

export const requestSchemas = {
  [IpcChannel.EnrichStart]: enrichStartRequest,
  [IpcChannel.EnrichPlan]: enrichPlanRequest,
  [IpcChannel.EnrichCancel]: enrichCancelRequest,
  [IpcChannel.LeadsList]: leadsListRequest,
  [IpcChannel.LeadsRefresh]: leadsRefreshRequest,
  [IpcChannel.FailuresList]: failuresListRequest,
  [IpcChannel.FailuresRetry]: failuresRetryRequest,
  [IpcChannel.RunsList]: emptyRequest,
  [IpcChannel.StatusGet]: emptyRequest,
  [IpcChannel.SyncStatus]: emptyRequest,
  [IpcChannel.SyncNow]: emptyRequest,
  [IpcChannel.SyncConfigure]: syncConfigureRequest,
  [IpcChannel.SyncRetryLeads]: syncRetryLeadsRequest,
  [IpcChannel.SettingsGet]: emptyRequest,
  [IpcChannel.SettingsUpdate]: settingsUpdateRequest,
  [IpcChannel.SettingsTestDatabase]: testDatabaseRequest,
  [IpcChannel.SettingsTestApiKey]: testApiKeyRequest,
  [IpcChannel.SettingsTestWebhook]: testWebhookRequest,
  [IpcChannel.DatabaseRetryLocal]: emptyRequest,
} satisfies Record<IpcChannel, z.ZodType>;

export interface FailedName {
  name: string;
  code: FailureCode;
  reason: string;
  /** The entry's full length, when only its start is kept (an entry over the name limit). */
  length?: number | null;
}

export interface EnrichSummary {
  runId: string;
  state: RunState;
  pasted: number;
  unique: number;
  duplicatesFolded: number;
  enriched: number;
  alreadyEnriched: number;
  /** Names that failed, cancelled ones excepted (they are counted in `cancelled`). */
  failed: FailedName[];
  verified: number;
  toCheck: number;
  cancelled: number;
  /** Names not settled yet: waiting for the quota to reset, or (interrupted) for the run to resume. */
  waiting: number;
  /** When the waiting names will be asked (the quota window's reset), if known. */
  resumeAt: string | null;
  durationMs: number;
}

/** What a run will cost, before it starts: nothing is paid for names already known or answered. */
export interface EnrichPlan {
  pasted: number;
  unique: number;
  duplicatesFolded: number;
  invalid: number;
  /** Names that already have a lead. */
  known: number;
  /** Names the API answered recently (any app): no cost. */
  answered: number;
  /** Names the API will be asked for: the quota this run costs. */
  toAsk: number;
  quota: RateLimitView | null;
  /** Of toAsk, how many the quota allows now; the rest wait for the reset. Null when the quota is unknown. */
  askNow: number | null;
}

export interface CountryGuess {
  countryCode: string;
  country: string;
  probability: number;
}

export interface LeadView {
  id: string;
  name: string;
  countryCode: string;
  country: string;
  probability: number;
  alternatives: CountryGuess[];
  status: LeadStatus;
  isCrmSynced: boolean;
  syncState: SyncState;
  /** When the CRM accepted it. */
  crmSyncedAt: string | null;
  /** Why the last delivery failed, while it is pending a retry or failed for good. */
  syncError: string | null;
  createdAt: string;
  runId: string | null;
}

export interface LeadsPage {
  items: LeadView[];
  total: number;
  page: number;
  pageSize: number;
  counts: { all: number; verified: number; toCheck: number };
}

export interface FailureView {
  id: string;
  name: string;
  code: FailureCode;
  reason: string;
  /** The entry's full length, when only its start is kept. */
  length: number | null;
  runId: string;
  createdAt: string;
}

export interface RunView {
  id: string;
  kind: RunKind;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Waiting for quota: when the run goes on by itself. */
  resumeAt: string | null;
  /** Why it stopped or waits, in words. */
  note: string | null;
  /** The computer working on it now, if any ("self": this app). */
  owner: { host: string; self: boolean } | null;
  pasted: number;
  unique: number;
  duplicatesFolded: number;
  enriched: number;
  alreadyEnriched: number;
  failed: number;
  cancelled: number;
  waiting: number;
  verified: number;
  toCheck: number;
}

export interface FailuresPage {
  items: FailureView[];
  /** Every failure that matches, across all pages. */
  total: number;
  page: number;
  pageSize: number;
  /** Runs that still have failures, newest first, for the run filter. */
  runs: RunView[];
}

export interface RateLimitView {
  limit: number | null;
  remaining: number | null;
  /** When the quota window resets, as an ISO time. */
  resetsAt: string | null;
}

export type DatabaseState = 'not_configured' | 'connecting' | 'connected' | 'disconnected' | 'error';

/** The local database on this computer, while it is the one in use. */
export interface LocalDatabaseView {
  phase: 'preparing' | 'downloading' | 'starting' | 'running' | 'failed' | 'stopped';
  /** Download progress, 0 to 100, when known. */
  percent: number | null;
  message: string;
}

export interface StatusView {
  database: {
    state: DatabaseState;
    /** What is wrong and what to do, or what is happening ("Starting the local database…"). */
    message: string | null;
    mode: 'local' | 'uri';
    /** Where: the host of the connection string (never its password), or "this computer". */
    target: string | null;
    local: LocalDatabaseView | null;
  };
  rateLimit: RateLimitView | null;
  activeRunId: string | null;
}

export interface EnrichProgress {
  runId: string;
  /** Names settled so far (leads, known, failed), of `total` distinct names; cancelled and waiting apart. */
  done: number;
  total: number;
  cancelled: number;
  waiting: number;
}

export type CrmMode = 'simulated' | 'webhook';
export type SyncTrigger = 'schedule' | 'manual' | 'cli';

export interface SyncRunView {
  id: string;
  /** The app instance that ran it (several apps may share one database). */
  instanceId: string;
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string | null;
  claimed: number;
  delivered: number;
  failed: number;
  /** Why the run itself failed (the database went away, the app quit), else null. */
  error: string | null;
  /** The leads that failed in this run, with the reason (the first 100). */
  failures: Array<{ name: string; reason: string }>;
}

export interface SyncStatusView {
  enabled: boolean;
  schedule: string;
  /** In words: "every 5 minutes", "cron: 0 9 * * 1-5". */
  scheduleText: string;
  nextRunAt: string | null;
  running: boolean;
  mode: CrmMode;
  instanceId: string;
  lastRun: SyncRunView | null;
  /** Recent runs of every app on this database, newest first. */
  history: SyncRunView[];
  /** The last lines of this app's sync log. */
  log: string[];
}

export interface SyncNowResult {
  run: SyncRunView;
  /** True when a run was already in flight and this trigger joined it instead of starting another. */
  joined: boolean;
}

export interface SecretView {
  set: boolean;
  /** A masked form for display: "mongodb+srv://sales:****@cluster0.example.net/leads", "••••9f3a". */
  masked: string | null;
}

export interface SettingsView {
  database: { mode: 'local' | 'uri'; uri: SecretView; name: string };
  nationalize: { baseUrl: string; apiKey: SecretView; concurrency: number; reuseAnswersDays: number };
  verifiedThreshold: number;
  sync: { enabled: boolean; schedule: string };
  crm: { mode: CrmMode; webhookUrl: string | null; webhookSecret: SecretView };
  /** How secrets are kept: by the OS keychain, in clear with consent, or not at all until consent. */
  secretStorage: 'encrypted' | 'plaintext' | 'needs_consent';
  allowPlaintextSecrets: boolean;
  firstRunDone: boolean;
  /** Stored values that were invalid and were reset, for the person to see. */
  problems: string[];
}

export interface TestResult {
  ok: boolean;
  message: string;
  /** For the API key test: the quota the rate-limit headers gave. */
  quota?: RateLimitView | null;
}

export interface ResponseTypes {
  [IpcChannel.EnrichStart]: EnrichSummary;
  [IpcChannel.EnrichPlan]: EnrichPlan;
  [IpcChannel.EnrichCancel]: { cancelled: boolean };
  [IpcChannel.LeadsList]: LeadsPage;
  [IpcChannel.LeadsRefresh]: EnrichSummary;
  [IpcChannel.FailuresList]: FailuresPage;
  [IpcChannel.FailuresRetry]: EnrichSummary;
  [IpcChannel.RunsList]: RunView[];
  [IpcChannel.StatusGet]: StatusView;
  [IpcChannel.SyncStatus]: SyncStatusView;
  [IpcChannel.SyncNow]: SyncNowResult;
  [IpcChannel.SyncConfigure]: SyncStatusView;
  [IpcChannel.SyncRetryLeads]: { reset: number };
  [IpcChannel.SettingsGet]: SettingsView;
  [IpcChannel.SettingsUpdate]: SettingsView;
  [IpcChannel.SettingsTestDatabase]: TestResult;
  [IpcChannel.SettingsTestApiKey]: TestResult;
  [IpcChannel.SettingsTestWebhook]: TestResult;
  [IpcChannel.DatabaseRetryLocal]: StatusView;
}

export interface EventTypes {
  [IpcEvent.EnrichProgress]: EnrichProgress;
  /** The runs not finished (running, waiting for quota, interrupted), whenever one changes. */
  [IpcEvent.Runs]: RunView[];
  [IpcEvent.Status]: StatusView;
  [IpcEvent.Sync]: SyncStatusView;
  [IpcEvent.Settings]: SettingsView;
}

export type RequestOf<C extends IpcChannel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends IpcChannel> = z.output<(typeof requestSchemas)[C]>;

export const API_ERROR_CODES = [
  'invalid_request',
  'forbidden',
  'busy',
  'db_unavailable',
  'not_configured',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** What crosses the wire: errors are data, so the renderer gets a code and a message, never a stack. */
export type Envelope<T> =
  { ok: true; data: T } | { ok: false; error: { code: ApiErrorCode; message: string } };

export { FAILURE_CODES };
