// The IPC contract, written once: the table of operations (channel names and what kind each is), the
// events pushed to the renderer, and every type they carry. Dependency-free at run time, so the sandboxed
// preload and the renderer import it without zod; the request schemas live in ./schemas.
import type { z } from 'zod';
import { FAILURE_CODES, type FailureCode } from './failures';
import type {
  CrmConnectionResult,
  CrmMode,
  CrmSettingsView,
  LeadCrmView,
  SyncCountsView,
  SyncSettingsView,
} from './crm';
import type { TableShape } from './names/types';
import type { requestSchemas } from './schemas';

export type { CrmMode };

/**
 * Every operation of the core a front end can call. A query reads; a mutation changes something or
 * costs something (a lookup, a delivery, a test). The renderer's `api` follows from this table:
 * `'leads:list'` is `api.leads.list(request)`, `'settings:test-api-key'` is `api.settings.testApiKey()`.
 */
export const OPERATIONS = {
  'enrich:start': 'mutation',
  'enrich:plan': 'query',
  /** What a run of this paste or file would do, entry by entry, before anything is paid (plan is its summary). */
  'enrich:review': 'query',
  /** A CSV, TSV or Excel file read by the core (the command line; the app's own file picker). */
  'enrich:file': 'mutation',
  'enrich:cancel': 'mutation',
  'leads:list': 'query',
  /** The per-status counts of the list's filters, apart: paging never counts. */
  'leads:counts': 'query',
  'leads:refresh': 'mutation',
  /** Deletes leads: a selection, or every lead of the current filter. */
  'leads:delete': 'mutation',
  'failures:list': 'query',
  'failures:retry': 'mutation',
  /** Takes failures off the list: a selection, or all of a run's. */
  'failures:dismiss': 'mutation',
  /**
   * The current view (filter, search, sort) or a selection, to a CSV or XLSX file at `path`. The desktop
   * app asks where to save (its save dialog) when the renderer gives no path; the browser downloads
   * GET /export/leads and /export/failures from the bridge instead.
   */
  'leads:export': 'mutation',
  'failures:export': 'mutation',
  /** The overview's charts, the latest runs' leads and failures among them (the quota comes from status:get). */
  'overview:get': 'query',
  /** How many stored leads the current rule (threshold, minimum sample count) would move; 0: all follow it. */
  'leads:reclassify-preview': 'query',
  /** Moves them (one bulk update); leads with a person's verdict are never touched. */
  'leads:reclassify': 'mutation',
  /** A person's decision on leads: Verified (in a country they choose) or rejected, or undone. */
  'leads:decide': 'mutation',
  'runs:list': 'query',
  /** Goes on with the runs nobody works on now (the desktop app does it by itself). */
  'runs:resume': 'mutation',
  'status:get': 'query',
  'sync:status': 'query',
  'sync:now': 'mutation',
  'sync:retry-leads': 'mutation',
  /** Pending, approved, synced and failed leads, for the panel. */
  'sync:counts': 'query',
  /** Per lead: its CRM record id and link, or why it is not there. */
  'sync:lead-records': 'query',
  /** Approve Verified leads for the CRM (bulk); in reviewed mode only approved leads go. */
  'sync:approve': 'mutation',
  /** Approve one lead of any status: how a To Check lead is sent. */
  'sync:approve-one': 'mutation',
  'sync:withdraw': 'mutation',
  /** Test connection with the saved CRM settings. */
  'sync:test-connection': 'mutation',
  /** Create the fields the mapping needs (HubSpot properties, Pipedrive person fields). */
  'sync:create-fields': 'mutation',
  'settings:get': 'query',
  'settings:update': 'mutation',
  'settings:test-database': 'mutation',
  'settings:test-api-key': 'mutation',
  'settings:test-webhook': 'mutation',
  'database:retry-local': 'mutation',
} as const satisfies Record<string, 'query' | 'mutation'>;
export type Channel = keyof typeof OPERATIONS;
export const CHANNELS = Object.keys(OPERATIONS) as Channel[];

/** Events the core pushes to every window. */
export const EVENTS = [
  'enrich:progress',
  /** Rows read of a file being imported. */
  'import:progress',
  /** The runs not finished (running, waiting for quota, interrupted), whenever one changes. */
  'runs:changed',
  'status:changed',
  'sync:changed',
  'settings:changed',
] as const;
export type EventName = (typeof EVENTS)[number];

/** Verified and To Check come from the classification; only a person rejects a lead. */
export const LEAD_STATUSES = ['Verified', 'To Check', 'Rejected'] as const;
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

/** Where a lead stands with the CRM: To Check leads are never sent ('not_applicable'). */
export const SYNC_STATES = ['pending', 'synced', 'failed', 'not_applicable'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const LEAD_SORT_FIELDS = ['name', 'country', 'probability', 'createdAt', 'status'] as const;
export type LeadSortField = (typeof LEAD_SORT_FIELDS)[number];

export interface FailedName {
  name: string;
  code: FailureCode;
  reason: string;
  /** The entry's full length, when only its start is kept (an entry over the name limit). */
  length?: number | null;
  /** A name guessed from an entry that is not one ("Jane Doe" from jane.doe@acme.com). */
  suggestion?: string | null;
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
  /** Names the API will be asked for. */
  toAsk: number;
  /** What they cost of the quota: one name each, and one more for gender and for age when turned on. */
  cost: number;
  quota: RateLimitView | null;
  /** Of toAsk, how many the quota allows now; the rest wait for the reset. Null when the quota is unknown. */
  askNow: number | null;
}

/** Each list of a review holds at most this many entries; its count says how many there are in all. */
export const REVIEW_LIST_LIMIT = 500;

/** An entry a run would refuse: where it is, as written, and why. */
export interface RefusedEntry {
  /** The line of a paste, or the row of a table or file (its header row counted), from 1. */
  line: number;
  /** The entry as written, cut to its first 200 characters. */
  entry: string;
  code: FailureCode;
  reason: string;
  /** A name guessed from it ("Jane Doe" from jane.doe@acme.com), when the parser has one. */
  suggestion: string | null;
  /** The entry's full length, when `entry` was cut. */
  length: number | null;
}

/** A list of a review: `count` in all, the first REVIEW_LIST_LIMIT of them in `items`. */
export interface ReviewList<T> {
  count: number;
  items: T[];
}

/** What a run of a paste or file would do, before anything is stored, asked or paid. */
export interface EnrichReview {
  source: 'paste' | 'file';
  /** For a file: how it was read. */
  format: 'csv' | 'tsv' | 'xlsx' | null;
  /**
   * A spreadsheet paste or a file: its columns (header and samples), the name column chosen and how, whether
   * a header row was found. `problem` says why no name column could be chosen (then every list is empty).
   */
  table: TableShape | null;
  /** Entries found (after splitting), and distinct ones (names and refused entries). */
  pasted: number;
  unique: number;
  /** Names the API will be asked for (the cost). */
  toAsk: ReviewList<string>;
  /** Names that already have a lead: no cost. */
  known: ReviewList<string>;
  /** Names the API answered recently: no cost. */
  answered: ReviewList<string>;
  /** Names that came more than once: `times` later entries were folded into the first. */
  folded: ReviewList<{ name: string; times: number }> & { entries: number };
  refused: ReviewList<RefusedEntry>;
  cost: number;
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
  /** The probability of the API's top guess. */
  probability: number;
  /** The other likely countries (up to four), most probable first. */
  alternatives: CountryGuess[];
  /** How many people of that name the guess rests on, when the API said. */
  sampleCount: number | null;
  /** From genderize.io and agify.io, localised to the top country (when turned on in Settings). */
  gender: 'male' | 'female' | null;
  genderProbability: number | null;
  age: number | null;
  /** The API's top guess, when a person chose another country. */
  guess: CountryGuess | null;
  status: LeadStatus;
  /** A person's decision, with who made it and when. */
  verdict: { decision: 'verified' | 'rejected'; by: string; at: string } | null;
  isCrmSynced: boolean;
  syncState: SyncState;
  /** A person approved it for the CRM and it is not sent yet (the reviewed mode sends only these). */
  approved: boolean;
  /** When the CRM accepted it. */
  crmSyncedAt: string | null;
  /** Why the last delivery failed, while it is pending a retry or failed for good. */
  syncError: string | null;
  createdAt: string;
  runId: string | null;
}

/** How far a jump to a page may go (rows skipped): further pages are reached by paging, sorting or searching. */
export const LEADS_MAX_JUMP_ROWS = 10_000;

/** The most leads or failures one request names (a selection of 100,000 is still one request). */
export const MAX_IDS = 100_000;

/** One page of leads, paged by keyset: `next` and `prev` are where the pages beside it start. */
export interface LeadsPage {
  items: LeadView[];
  pageSize: number;
  /** The page's number when it was asked by number (a jump) or is the first page; null when reached by a cursor. */
  page: number | null;
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
  /** Pass as `before` for the previous page; null on the first page. */
  prev: string | null;
}

/** Leads per status for a filter (its status aside): the tabs' numbers. */
export interface LeadCounts {
  all: number;
  verified: number;
  toCheck: number;
  rejected: number;
}

/** Stored leads against a classification rule: which would change status under it. */
export interface ReclassifyPreview {
  threshold: number;
  minSampleCount: number;
  /** To Check leads the rule makes Verified, and Verified ones it makes To Check. */
  toVerified: number;
  toToCheck: number;
  /** toVerified + toToCheck: more than 0 means stored leads were classified under another rule. */
  changes: number;
  /** Leads with a person's verdict: kept as they are whatever the rule. */
  decided: number;
}

export interface ReclassifyResult {
  threshold: number;
  minSampleCount: number;
  toVerified: number;
  toToCheck: number;
  changed: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  format: ExportFormat;
  /** Rows written (the header row not counted). */
  rows: number;
  /** Where the file was saved; null when the person cancelled the save dialog. */
  path: string | null;
  cancelled: boolean;
}

/** The overview's charts, computed in the database. */
export interface OverviewView {
  /** Leads per country, most first (the map and the ranked bars). */
  countries: Array<{ countryCode: string; country: string; leads: number }>;
  status: { verified: number; toCheck: number; rejected: number; synced: number; failed: number };
  /**
   * Leads per whole percent of their top probability (index 0..100). `movable*`: leads no person has
   * decided, by status: a new threshold t moves movableVerified below t and movableToCheck at or above.
   */
  probability: { all: number[]; movableVerified: number[]; movableToCheck: number[] };
  /**
   * The latest runs that have leads or failed names now, newest first: the leads that carry the run's id
   * (those it added) and the names whose latest failure it holds, so a click on a run lands on its bar's count.
   */
  runs: Array<{ runId: string; kind: RunKind; startedAt: string; leads: number; failed: number }>;
}

export interface FailureView {
  id: string;
  name: string;
  code: FailureCode;
  reason: string;
  /** The entry's full length, when only its start is kept. */
  length: number | null;
  suggestion: string | null;
  /** False for an entry judged on its text (an email, a placeholder...): only correcting it can succeed. */
  retryable: boolean;
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

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface EnrichProgress {
  runId: string;
  /** Names settled so far (leads, known, failed), of `total` distinct names; cancelled and waiting apart. */
  done: number;
  total: number;
  cancelled: number;
  waiting: number;
}

export type SyncTrigger = 'schedule' | 'manual' | 'cli';

export interface SyncRunView {
  id: string;
  /** The app instance that ran it: "<computer name>#<process>-<random>" (several apps may share one database). */
  instanceId: string;
  /** The computer's name, from the instance id: how the panel names the app. */
  host: string;
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string | null;
  claimed: number;
  delivered: number;
  failed: number;
  /** Why the run itself failed (the database went away, the app quit), else null. */
  error: string | null;
  /** The app running it died: the next run of any app closed it, counting what it delivered from the leads. */
  interrupted: boolean;
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
  nationalize: {
    baseUrl: string;
    apiKey: SecretView;
    concurrency: number;
    reuseAnswersDays: number;
    /** Below this many people of a name in the API's data, a lead is To Check whatever its probability. */
    minSampleCount: number;
    /** Ask genderize.io and agify.io too (same key, same quota). */
    gender: boolean;
    age: boolean;
  };
  verifiedThreshold: number;
  sync: SyncSettingsView;
  /** Every CRM setting, tokens masked. */
  crm: CrmSettingsView;
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

/** What each operation answers. */
export interface Responses {
  'enrich:start': EnrichSummary;
  'enrich:plan': EnrichPlan;
  'enrich:review': EnrichReview;
  'enrich:file': EnrichSummary;
  'enrich:cancel': { cancelled: boolean };
  'leads:list': LeadsPage;
  'leads:counts': LeadCounts;
  'leads:refresh': EnrichSummary;
  'leads:delete': { deleted: number };
  'failures:list': FailuresPage;
  'failures:retry': EnrichSummary;
  'failures:dismiss': { dismissed: number };
  'leads:export': ExportResult;
  'failures:export': ExportResult;
  'overview:get': OverviewView;
  'leads:reclassify-preview': ReclassifyPreview;
  'leads:reclassify': ReclassifyResult;
  'leads:decide': { changed: number };
  'runs:list': RunView[];
  'runs:resume': { resumed: EnrichSummary[] };
  'status:get': StatusView;
  'sync:status': SyncStatusView;
  'sync:now': SyncNowResult;
  'sync:retry-leads': { reset: number };
  'sync:counts': SyncCountsView;
  'sync:lead-records': LeadCrmView[];
  'sync:approve': { approved: number };
  'sync:approve-one': { approved: boolean };
  'sync:withdraw': { withdrawn: number };
  'sync:test-connection': CrmConnectionResult;
  'sync:create-fields': { created: string[]; message: string };
  'settings:get': SettingsView;
  'settings:update': SettingsView;
  'settings:test-database': TestResult;
  'settings:test-api-key': TestResult;
  'settings:test-webhook': TestResult;
  'database:retry-local': StatusView;
}

/** What each event carries. */
export interface EventPayloads {
  'enrich:progress': EnrichProgress;
  'import:progress': ImportProgress;
  'runs:changed': RunView[];
  'status:changed': StatusView;
  'sync:changed': SyncStatusView;
  'settings:changed': SettingsView;
}

// The table, the responses and the events name the same things: a missing or extra entry fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const CONTRACT_IS_COMPLETE: Same<keyof Responses, Channel> & Same<keyof EventPayloads, EventName> =
  true;

export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];
export type LeadsQuery = RequestOf<'leads:list'>;
export type LeadsFilter = RequestOf<'leads:counts'>;
export type FailuresQuery = RequestOf<'failures:list'>;
export type SettingsUpdate = RequestOf<'settings:update'>;

export const API_ERROR_CODES = [
  'invalid_request',
  'forbidden',
  'busy',
  'db_unavailable',
  'not_configured',
  /** No names left in the API quota until it resets (the message says when). */
  'quota_exhausted',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** What crosses the wire: errors are data, so the renderer gets a code and a message, never a stack. */
export type Envelope<T> =
  { ok: true; data: T } | { ok: false; error: { code: ApiErrorCode; message: string } };

export { FAILURE_CODES };
