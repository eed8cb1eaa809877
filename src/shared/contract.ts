// The typed IPC contract: request schemas (validated in main and in the browser bridge) and the
// response types every side agrees on. Channel names live in ./channels.
import { z } from 'zod';
import { IpcChannel, IpcEvent } from './channels';
import { FAILURE_CODES, type FailureCode } from './failures';

export const LEAD_STATUSES = ['Verified', 'To Check'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

const id = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character hex id');

export const enrichStartRequest = z.object({
  text: z.string().max(10_000_000, 'the pasted text is larger than 10 MB'),
});
export const enrichCancelRequest = z.object({ runId: id.optional() }).default({});

export const LEAD_SORT_FIELDS = ['name', 'country', 'probability', 'createdAt'] as const;
export type LeadSortField = (typeof LEAD_SORT_FIELDS)[number];

export const leadsListRequest = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  search: z.string().max(200).optional(),
  sortBy: z.enum(LEAD_SORT_FIELDS).default('createdAt'),
  sortDir: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type LeadsQuery = z.input<typeof leadsListRequest>;

export const leadsRefreshRequest = z.object({ ids: z.array(id).min(1).max(10_000) });
export const failuresListRequest = z.object({ runId: id.optional() }).default({});
/** Retry the given failures, or every failure of a run, or (neither given) every failure. */
export const failuresRetryRequest = z.object({
  ids: z.array(id).max(100_000).optional(),
  runId: id.optional(),
});
export const emptyRequest = z.undefined().or(z.object({}).strict());

export const requestSchemas = {
  [IpcChannel.EnrichStart]: enrichStartRequest,
  [IpcChannel.EnrichCancel]: enrichCancelRequest,
  [IpcChannel.LeadsList]: leadsListRequest,
  [IpcChannel.LeadsRefresh]: leadsRefreshRequest,
  [IpcChannel.FailuresList]: failuresListRequest,
  [IpcChannel.FailuresRetry]: failuresRetryRequest,
  [IpcChannel.RunsList]: emptyRequest,
  [IpcChannel.StatusGet]: emptyRequest,
} satisfies Record<IpcChannel, z.ZodType>;

export interface FailedName {
  name: string;
  code: FailureCode;
  reason: string;
}

export interface EnrichSummary {
  runId: string;
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
  durationMs: number;
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
  runId: string;
  createdAt: string;
}

export type RunKind = 'paste' | 'retry' | 'refresh';

export interface RunView {
  id: string;
  kind: RunKind;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  pasted: number;
  unique: number;
  enriched: number;
  alreadyEnriched: number;
  failed: number;
  cancelled: number;
}

export interface FailuresPage {
  items: FailureView[];
  /** Runs that still have failures, newest first, for the run filter. */
  runs: RunView[];
}

export interface RateLimitView {
  limit: number | null;
  remaining: number | null;
  /** When the quota window resets, as an ISO time. */
  resetsAt: string | null;
}

export interface StatusView {
  database: { state: 'connected' | 'disconnected' | 'not_configured'; message: string | null };
  rateLimit: RateLimitView | null;
  activeRunId: string | null;
}

export interface EnrichProgress {
  runId: string;
  done: number;
  total: number;
}

export interface ResponseTypes {
  [IpcChannel.EnrichStart]: EnrichSummary;
  [IpcChannel.EnrichCancel]: { cancelled: boolean };
  [IpcChannel.LeadsList]: LeadsPage;
  [IpcChannel.LeadsRefresh]: EnrichSummary;
  [IpcChannel.FailuresList]: FailuresPage;
  [IpcChannel.FailuresRetry]: EnrichSummary;
  [IpcChannel.RunsList]: RunView[];
  [IpcChannel.StatusGet]: StatusView;
}

export interface EventTypes {
  [IpcEvent.EnrichProgress]: EnrichProgress;
  [IpcEvent.Status]: StatusView;
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
