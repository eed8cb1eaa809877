// A stand-in for the core behind the renderer's real api: `createApi` over a transport that answers from
// a table of handlers (one vi.fn per channel) and pushes events. Requests are checked against the real
// request schemas, so a renderer call the core would refuse fails the test (see setup.ts). Leads are
// filtered, sorted and paged like the core does; runs (enrich, retry, sync now) stay pending until the
// test finishes or fails them.
import { vi, type Mock } from 'vitest';
import { ApiError, createApi, type LeadEnricherApi, type Transport } from '@shared/api';
import {
  CHANNELS,
  type Channel,
  type EnrichPlan,
  type EnrichReview,
  type EnrichProgress,
  type EnrichSummary,
  type EventName,
  type EventPayloads,
  type FailureView,
  type LeadView,
  type LeadsFilter,
  type LeadSortField,
  type OverviewView,
  type ParsedRequestOf,
  type ResponseOf,
  type RunView,
  type SecretView,
  type SettingsUpdate,
  type SettingsView,
  type StatusView,
  type SyncNowResult,
  type SyncRunView,
  type SyncState,
  type SyncStatusView,
  type TestResult,
} from '@shared/contract';
import type { CrmSettingsView, LeadCrmView } from '@shared/crm';
import { nameKey, parsePaste } from '@shared/names';
import { requestSchemas } from '@shared/schemas';
import { searchTerms, searchWords } from '@shared/search';

/** The table's filters as the core applies them (search: words starting with the typed ones, accents ignored). */
function fakeFilter(leads: LeadView[], filter: LeadsFilter): LeadView[] {
  const terms = searchTerms(filter.search ?? '');
  return leads.filter((lead) => {
    const words = searchWords(lead.name, lead.country, lead.countryCode);
    if (!terms.every((t) => words.some((w) => w.startsWith(t)))) return false;
    // A chart's click (the histogram's band is left to the core's tests).
    if (filter.countryCode && lead.countryCode !== filter.countryCode) return false;
    if (filter.runId && lead.runId !== filter.runId) return false;
    return !filter.syncState || lead.syncState === filter.syncState;
  });
}

export function hexId(n: number): string {
  return n.toString(16).padStart(24, '0');
}

let nextId = 1;
const freshId = () => hexId(nextId++);

export function makeLead(overrides: Partial<LeadView> & { name: string }): LeadView {
  // Consistent by default: To Check leads are never sent, Verified ones wait for the next sync.
  const syncState: SyncState =
    overrides.syncState ?? (overrides.status === 'To Check' ? 'not_applicable' : 'pending');
  return {
    id: freshId(),
    countryCode: 'FR',
    country: 'France',
    probability: 0.873,
    alternatives: [],
    sampleCount: 2100,
    gender: null,
    genderProbability: null,
    age: null,
    guess: null,
    status: 'Verified',
    verdict: null,
    isCrmSynced: syncState === 'synced',
    approved: false,
    crmSyncedAt: null,
    syncError: null,
    createdAt: '2025-11-20T10:00:00.000Z',
    runId: null,
    ...overrides,
    syncState,
  };
}

export const THIS_APP = 'laptop#4242-a1b2c3';
/** When the fake core approves a lead. */
const NOW_ISO = '2025-11-20T10:45:00.000Z';

export function makeSyncRun(overrides: Partial<SyncRunView> = {}): SyncRunView {
  return {
    id: freshId(),
    instanceId: THIS_APP,
    // Like the core: the computer's name is the instance id's first part.
    host: (overrides.instanceId ?? THIS_APP).split('#')[0]!,
    trigger: 'schedule',
    startedAt: '2025-11-20T10:40:00.000Z',
    finishedAt: '2025-11-20T10:40:02.000Z',
    claimed: 0,
    delivered: 0,
    failed: 0,
    error: null,
    interrupted: false,
    failures: [],
    ...overrides,
  };
}

export function makeSyncStatus(overrides: Partial<SyncStatusView> = {}): SyncStatusView {
  return {
    enabled: true,
    schedule: '5',
    scheduleText: 'every 5 minutes',
    nextRunAt: null,
    running: false,
    mode: 'simulated',
    instanceId: THIS_APP,
    lastRun: null,
    history: [],
    log: [],
    ...overrides,
  };
}

export function makeRun(overrides: Partial<RunView> = {}): RunView {
  return {
    id: freshId(),
    kind: 'paste',
    state: 'done',
    startedAt: '2025-11-20T10:00:00.000Z',
    finishedAt: '2025-11-20T10:00:05.000Z',
    durationMs: 5000,
    resumeAt: null,
    note: null,
    owner: null,
    pasted: 0,
    unique: 0,
    duplicatesFolded: 0,
    enriched: 0,
    alreadyEnriched: 0,
    failed: 0,
    cancelled: 0,
    waiting: 0,
    verified: 0,
    toCheck: 0,
    ...overrides,
  };
}

/** A failure is keyed by its run and its name, as the core keys it. */
export function makeFailure(overrides: Partial<FailureView> & { name: string; runId: string }): FailureView {
  return {
    id: `${overrides.runId}|${nameKey(overrides.name)}`,
    code: 'no_prediction',
    reason: 'nationalize.io has no prediction for this name',
    length: null,
    suggestion: null,
    retryable: !['invalid_name', 'email', 'phone', 'url', 'placeholder', 'sentence'].includes(
      overrides.code ?? 'no_prediction',
    ),
    createdAt: '2025-11-20T10:00:05.000Z',
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<EnrichSummary> = {}): EnrichSummary {
  return {
    runId: hexId(999),
    state: 'done',
    pasted: 0,
    unique: 0,
    duplicatesFolded: 0,
    enriched: 0,
    alreadyEnriched: 0,
    failed: [],
    verified: 0,
    toCheck: 0,
    cancelled: 0,
    waiting: 0,
    resumeAt: null,
    durationMs: 1234,
    ...overrides,
  };
}

export const connectedStatus: StatusView = {
  database: { state: 'connected', message: null, mode: 'local', target: 'this computer', local: null },
  rateLimit: null,
  activeRunId: null,
};

/** A status with only the database part changed. */
export function statusWith(database: Partial<StatusView['database']>): StatusView {
  return { ...connectedStatus, database: { ...connectedStatus.database, ...database } };
}

const NOT_SET: SecretView = { set: false, masked: null };

/** Masks like the core does: the URI's password, all but the last 4 characters of a key. */
export function maskFor(text: string, kind: 'uri' | 'key'): string {
  if (kind === 'uri') return text.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:****@');
  return text.length > 8 ? `••••${text.slice(-4)}` : '••••';
}

function secretView(text: string | null, kind: 'uri' | 'key'): SecretView {
  return text === null ? NOT_SET : { set: true, masked: maskFor(text, kind) };
}

/** The CRM part of the settings: simulated, nothing set up. */
export function makeCrmSettings(overrides: Partial<CrmSettingsView> = {}): CrmSettingsView {
  return {
    mode: 'simulated',
    keepExistingValues: true,
    webhookUrl: null,
    webhookSecret: NOT_SET,
    hubspot: { baseUrl: 'https://api.hubapi.com', token: NOT_SET, idProperty: 'lead_enricher_id' },
    pipedrive: { baseUrl: 'https://api.pipedrive.com', apiToken: NOT_SET },
    salesforce: {
      instanceUrl: null,
      accessToken: NOT_SET,
      object: 'Lead',
      externalIdField: 'Lead_Enricher_Id__c',
    },
    ...overrides,
  };
}

/** Settings past the first run, on the local database, secrets encrypted by the OS. */
export function makeSettings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    database: { mode: 'local', uri: NOT_SET, name: 'lead_enricher' },
    nationalize: {
      baseUrl: 'https://api.nationalize.io',
      apiKey: NOT_SET,
      concurrency: 4,
      reuseAnswersDays: 30,
      minSampleCount: 0,
      gender: false,
      age: false,
    },
    verifiedThreshold: 0.6,
    sync: { enabled: true, schedule: '5', mode: 'automatic', claimSeconds: 120, deliveryTimeoutSeconds: 30 },
    crm: makeCrmSettings(),
    secretStorage: 'encrypted',
    allowPlaintextSecrets: false,
    firstRunDone: true,
    problems: [],
    ...overrides,
  };
}

function invalid(field: string, message: string): ApiError {
  return new ApiError('invalid_request', `Invalid setting ${field}: ${message}`);
}

/** The core's check of a sync schedule: minutes from 1, or a cron expression of 5 or 6 fields. */
function scheduleText(schedule: string): string | null {
  if (/^\d+$/.test(schedule)) return Number(schedule) >= 1 ? `every ${Number(schedule)} minutes` : null;
  return /^\S+(\s+\S+){4,5}$/.test(schedule) ? `cron: ${schedule}` : null;
}

/** Applies a change like the core: validates (naming the field), masks secrets, answers the view. */
function applySettings(view: SettingsView, change: SettingsUpdate): SettingsView {
  const next = structuredClone(view);
  const secret = (value: string | null | undefined, current: SecretView, kind: 'uri' | 'key') => {
    if (value === undefined) return current;
    if (value !== null && next.secretStorage === 'needs_consent') {
      throw new ApiError(
        'invalid_request',
        'This computer offers no encrypted storage for secrets: agree to keep them unencrypted in Settings first',
      );
    }
    return secretView(value, kind);
  };
  if (change.allowPlaintextSecrets !== undefined && next.secretStorage !== 'encrypted') {
    next.allowPlaintextSecrets = change.allowPlaintextSecrets;
    next.secretStorage = change.allowPlaintextSecrets ? 'plaintext' : 'needs_consent';
  }
  const { database, nationalize, crm, sync } = change;
  if (database) {
    if (database.uri && !/^mongodb(\+srv)?:\/\//.test(database.uri)) {
      throw invalid('database.uri', 'a connection string starts with mongodb:// or mongodb+srv://');
    }
    next.database = {
      mode: database.mode ?? next.database.mode,
      uri: secret(database.uri, next.database.uri, 'uri'),
      name: database.name ?? next.database.name,
    };
    if (next.database.mode === 'uri' && !next.database.uri.set) {
      throw invalid('database.uri', 'paste a connection string to use one');
    }
  }
  if (nationalize) {
    const concurrency = nationalize.concurrency ?? next.nationalize.concurrency;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
      throw invalid('nationalize.concurrency', 'must be a whole number from 1 to 32');
    }
    next.nationalize = {
      ...next.nationalize,
      baseUrl: nationalize.baseUrl ?? next.nationalize.baseUrl,
      apiKey: secret(nationalize.apiKey, next.nationalize.apiKey, 'key'),
      concurrency,
    };
  }
  if (change.verifiedThreshold !== undefined) {
    if (!(change.verifiedThreshold >= 0 && change.verifiedThreshold <= 1)) {
      throw invalid('verifiedThreshold', 'Too big: expected number to be <=1');
    }
    next.verifiedThreshold = change.verifiedThreshold;
  }
  if (sync) {
    if (sync.schedule !== undefined && scheduleText(sync.schedule) === null) {
      throw invalid(
        'sync.schedule',
        'give minutes between runs (like 5) or a cron expression (like */15 9-18 * * 1-5)',
      );
    }
    next.sync = { ...next.sync, ...sync };
  }
  if (crm) {
    next.crm = {
      ...next.crm,
      mode: crm.mode ?? next.crm.mode,
      webhookUrl: crm.webhookUrl === undefined ? next.crm.webhookUrl : crm.webhookUrl,
      keepExistingValues: crm.keepExistingValues ?? next.crm.keepExistingValues,
      webhookSecret: secret(crm.webhookSecret, next.crm.webhookSecret, 'key'),
      hubspot: {
        baseUrl: crm.hubspot?.baseUrl ?? next.crm.hubspot.baseUrl,
        token: secret(crm.hubspot?.token, next.crm.hubspot.token, 'key'),
        idProperty: crm.hubspot?.idProperty ?? next.crm.hubspot.idProperty,
      },
      pipedrive: {
        baseUrl: crm.pipedrive?.baseUrl ?? next.crm.pipedrive.baseUrl,
        apiToken: secret(crm.pipedrive?.apiToken, next.crm.pipedrive.apiToken, 'key'),
      },
      salesforce: {
        instanceUrl:
          crm.salesforce?.instanceUrl === undefined
            ? next.crm.salesforce.instanceUrl
            : crm.salesforce.instanceUrl,
        accessToken: secret(crm.salesforce?.accessToken, next.crm.salesforce.accessToken, 'key'),
        object: crm.salesforce?.object ?? next.crm.salesforce.object,
        externalIdField: crm.salesforce?.externalIdField ?? next.crm.salesforce.externalIdField,
      },
    };
  }
  if (change.firstRunDone !== undefined) next.firstRunDone = change.firstRunDone;
  return next;
}

/** Requests the core would have refused: setup.ts fails the test that sent one. */
export const refusedRequests: string[] = [];

type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
export type Handlers = { [C in Channel]: Mock<Handler<C>> };

export interface FakeCore {
  /** The renderer's real api, over the fake transport. */
  api: LeadEnricherApi;
  transport: Transport;
  /** What the core does for each channel; assert on these, or change them (mockRejectedValueOnce...). */
  handle: Handlers;
  leads: LeadView[];
  /** Leads' CRM records and approvals, by lead id (the others follow their sync state). */
  records: Map<string, LeadCrmView>;
  /** The text of each list file by its path, for enrich:review. */
  files: Map<string, string>;
  failures: FailureView[];
  runs: RunView[];
  status: StatusView;
  sync: SyncStatusView;
  settings: SettingsView;
  /** What overview:get answers. */
  overview: OverviewView;
  /** Resolves the pending enrich or retry with this summary. */
  finishRun(summary?: Partial<EnrichSummary>): void;
  /** Rejects the pending enrich or retry. */
  failRun(error: Error): void;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  emitProgress(progress: Partial<EnrichProgress> & { runId: string; done: number; total: number }): void;
  emitStatus(status: StatusView): void;
  /** Pushes the open runs (runs:changed), and keeps them in the list runs:list answers. */
  emitRuns(open: RunView[]): void;
  /** Resolves the pending sync now with this run (the sync status is left to the test). */
  finishSync(run?: Partial<SyncRunView>, joined?: boolean): void;
  emitSync(sync: SyncStatusView): void;
  emitSettings(settings: SettingsView): void;
}

interface Init {
  leads?: LeadView[];
  failures?: FailureView[];
  runs?: RunView[];
  status?: StatusView;
  sync?: SyncStatusView;
  settings?: SettingsView;
  overview?: OverviewView;
}

/** An overview with nothing in it, or these parts. */
export function makeOverview(overrides: Partial<OverviewView> = {}): OverviewView {
  const bins = () => Array<number>(101).fill(0);
  return {
    countries: [],
    status: { verified: 0, toCheck: 0, rejected: 0, synced: 0, failed: 0 },
    probability: { all: bins(), movableVerified: bins(), movableToCheck: bins() },
    runs: [],
    ...overrides,
  };
}

function compare(a: LeadView, b: LeadView, field: LeadSortField): number {
  const x = a[field];
  const y = b[field];
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

const OPEN: ReadonlyArray<RunView['state']> = ['running', 'waiting_quota', 'interrupted'];

export function createFakeCore(init: Init = {}): FakeCore {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let pendingSync: ((result: SyncNowResult) => void) | null = null;
  let pending: { resolve: (s: EnrichSummary) => void; reject: (e: Error) => void } | null = null;

  // Like the core: the person's run is named in the status while it runs.
  const startRun = () =>
    new Promise<EnrichSummary>((resolve, reject) => {
      pending = { resolve, reject };
      fake.emitStatus({ ...fake.status, activeRunId: freshId() });
    });
  const endRun = () => {
    pending = null;
    fake.emitStatus({ ...fake.status, activeRunId: null });
  };

  function fn<C extends Channel>(_channel: C, handler: Handler<C>): Mock<Handler<C>> {
    return vi.fn(handler);
  }

  const handle: Handlers = {
    'enrich:start': fn('enrich:start', () => startRun()),
    // Like the core: names with a lead cost nothing; the quota the API last reported limits the rest.
    'enrich:plan': fn('enrich:plan', async ({ text }): Promise<EnrichPlan> => {
      const parsed = parsePaste(text);
      const leadKeys = new Set(fake.leads.map((lead) => nameKey(lead.name)));
      const known = parsed.names.filter((n) => leadKeys.has(n.key)).length;
      const toAsk = parsed.names.length - known;
      const quota = fake.status.rateLimit;
      const open =
        quota?.remaining != null && quota.resetsAt !== null && Date.parse(quota.resetsAt) > Date.now();
      return {
        pasted: parsed.pasted,
        unique: parsed.names.length + parsed.invalid.length,
        duplicatesFolded: parsed.duplicatesFolded,
        invalid: parsed.invalid.length,
        known,
        answered: 0,
        toAsk,
        cost: toAsk * (1 + Number(fake.settings.nationalize.gender) + Number(fake.settings.nationalize.age)),
        quota,
        askNow: open ? Math.min(toAsk, quota.remaining ?? 0) : null,
      };
    }),
    // Like the core's review, over the shared parser: a file's text comes from `files` (its path).
    'enrich:review': fn('enrich:review', async ({ text, path, column }): Promise<EnrichReview> => {
      const source = text ?? fake.files.get(path ?? '') ?? '';
      const parsed = parsePaste(source, { trace: true, ...(column === undefined ? {} : { column }) });
      const leadKeys = new Set(fake.leads.map((lead) => nameKey(lead.name)));
      const list = (names: string[]) => ({ count: names.length, items: names });
      const known = parsed.names.filter((n) => leadKeys.has(n.key)).map((n) => n.name);
      const toAsk = parsed.names.filter((n) => !leadKeys.has(n.key)).map((n) => n.name);
      const quota = fake.status.rateLimit;
      const open =
        quota?.remaining != null && quota.resetsAt !== null && Date.parse(quota.resetsAt) > Date.now();
      const lines = parsed.trace?.invalidLines ?? [];
      const folds = [...(parsed.trace?.folds ?? new Map<string, number>())];
      return {
        source: text === undefined ? 'file' : 'paste',
        format: text === undefined ? 'csv' : null,
        table: parsed.table ?? null,
        pasted: parsed.pasted,
        unique: parsed.names.length + parsed.invalid.length,
        toAsk: list(toAsk),
        known: list(known),
        answered: list([]),
        folded: {
          count: folds.length,
          entries: parsed.duplicatesFolded,
          items: folds.map(([name, times]) => ({ name, times })),
        },
        refused: {
          count: parsed.invalid.length,
          items: parsed.invalid.map((f, i) => ({
            line: lines[i] ?? 0,
            entry: f.name,
            code: f.code,
            reason: f.reason,
            suggestion: f.suggestion ?? null,
            length: f.length ?? null,
          })),
        },
        cost: toAsk.length,
        quota,
        askNow: open ? Math.min(toAsk.length, quota.remaining ?? 0) : null,
      };
    }),
    'enrich:file': fn('enrich:file', () => startRun()),
    // Issue 10's core operations, plain answers until a renderer test draws them.
    'enrich:cancel': fn('enrich:cancel', async () => ({ cancelled: true })),
    'leads:list': fn('leads:list', async (query) => {
      const { status, sortBy, sortDir, page = 1, pageSize } = query;
      const filtered = fakeFilter(fake.leads, query)
        .filter((lead) => !status || lead.status === status)
        .sort((a, b) => compare(a, b, sortBy) * (sortDir === 'asc' ? 1 : -1));
      // Paged by number here (a cursor is the next page's number): the renderer treats both as opaque.
      const at = query.after ? Number(query.after) : query.before ? Number(query.before) - 2 : page;
      const start = (at - 1) * pageSize;
      return {
        // Like the core: an approval shows on the lead.
        items: filtered
          .slice(start, start + pageSize)
          .map((lead) => ({ ...lead, approved: recordOf(lead).state === 'approved' })),
        pageSize,
        page: query.after || query.before ? null : page,
        next: start + pageSize < filtered.length ? String(at + 1) : null,
        prev: at > 1 ? String(at) : null,
      };
    }),
    'leads:counts': fn('leads:counts', async (filter) => {
      const matching = fakeFilter(fake.leads, filter);
      return {
        all: matching.length,
        verified: matching.filter((lead) => lead.status === 'Verified').length,
        toCheck: matching.filter((lead) => lead.status === 'To Check').length,
        rejected: matching.filter((lead) => lead.status === 'Rejected').length,
      };
    }),
    'leads:refresh': fn('leads:refresh', () => startRun()),
    'leads:delete': fn('leads:delete', async ({ ids, filter }) => {
      const gone = new Set(
        (ids
          ? fake.leads.filter((l) => ids.includes(l.id))
          : fakeFilter(fake.leads, filter!).filter((l) => !filter!.status || l.status === filter!.status)
        ).map((l) => l.id),
      );
      fake.leads = fake.leads.filter((lead) => !gone.has(lead.id));
      return { deleted: gone.size };
    }),
    'failures:dismiss': fn('failures:dismiss', async ({ ids, runId }) => {
      const before = fake.failures.length;
      fake.failures = fake.failures.filter((f) => !(ids ? ids.includes(f.id) : f.runId === runId));
      return { dismissed: before - fake.failures.length };
    }),
    'failures:list': fn('failures:list', async ({ runId, page, pageSize }) => {
      const matching = fake.failures.filter((failure) => !runId || failure.runId === runId);
      const runs = fake.runs.filter((run) => fake.failures.some((failure) => failure.runId === run.id));
      return {
        items: matching.slice((page - 1) * pageSize, page * pageSize),
        total: matching.length,
        page,
        pageSize,
        runs,
      };
    }),
    'failures:retry': fn('failures:retry', () => startRun()),
    'overview:get': fn('overview:get', async () => fake.overview),
    // Like the core: a verdict changes the status (and the country), undo gives the guess back.
    'leads:decide': fn('leads:decide', async ({ ids, decision, countryCode }) => {
      let changed = 0;
      fake.leads = fake.leads.map((lead) => {
        if (!ids.includes(lead.id)) return lead;
        changed++;
        if (decision === 'undo') return { ...lead, verdict: null, status: 'To Check' };
        const verdict = { decision, by: 'sam', at: '2025-11-21T09:30:00.000Z' };
        return decision === 'rejected'
          ? { ...lead, status: 'Rejected', verdict }
          : {
              ...lead,
              status: 'Verified',
              verdict,
              countryCode: countryCode ?? lead.countryCode,
              guess: countryCode && countryCode !== lead.countryCode ? lead : null,
            };
      });
      return { changed };
    }),
    'leads:export': fn('leads:export', async ({ format, path }) => ({
      format,
      rows: fake.leads.length,
      path: path ?? `/home/sales/leads.${format}`,
      cancelled: false,
    })),
    'failures:export': fn('failures:export', async ({ format, path }) => ({
      format,
      rows: fake.failures.length,
      path: path ?? `/home/sales/failed-names.${format}`,
      cancelled: false,
    })),
    'leads:reclassify-preview': fn('leads:reclassify-preview', async (rule) => ({
      threshold: rule.threshold ?? fake.settings.verifiedThreshold,
      minSampleCount: rule.minSampleCount ?? fake.settings.nationalize.minSampleCount,
      toVerified: 0,
      toToCheck: 0,
      changes: 0,
      decided: 0,
    })),
    'leads:reclassify': fn('leads:reclassify', async () => ({
      threshold: fake.settings.verifiedThreshold,
      minSampleCount: fake.settings.nationalize.minSampleCount,
      toVerified: 0,
      toToCheck: 0,
      changed: 0,
    })),
    'runs:list': fn('runs:list', async () => fake.runs),
    'runs:resume': fn('runs:resume', async () => ({ resumed: [] })),
    'status:get': fn('status:get', async () => fake.status),
    'sync:status': fn('sync:status', async () => fake.sync),
    'sync:now': fn(
      'sync:now',
      () =>
        new Promise<SyncNowResult>((resolve) => {
          pendingSync = resolve;
        }),
    ),
    'sync:retry-leads': fn('sync:retry-leads', async ({ ids }) => {
      let reset = 0;
      fake.leads = fake.leads.map((lead) => {
        if (!ids.includes(lead.id) || lead.syncState !== 'failed') return lead;
        reset++;
        return { ...lead, syncState: 'pending', syncError: null };
      });
      return { reset };
    }),
    // The CRM panel's operations, like the core's: a lead's CRM state follows its sync state and approval.
    'sync:counts': fn('sync:counts', async () => {
      const states = fake.leads.map((lead) => recordOf(lead).state);
      const n = (state: LeadCrmView['state']) => states.filter((s) => s === state).length;
      const mode = fake.settings.sync.mode;
      return {
        mode,
        pending: n('pending'),
        approved: n('approved'),
        synced: n('synced'),
        failed: n('failed'),
        queued: mode === 'automatic' ? n('pending') + n('approved') : n('approved'),
      };
    }),
    'sync:lead-records': fn('sync:lead-records', async ({ ids }) =>
      fake.leads.filter((lead) => ids.includes(lead.id)).map(recordOf),
    ),
    'sync:approve': fn('sync:approve', async (request) => {
      const chosen = (lead: LeadView) =>
        'ids' in request ? request.ids.includes(lead.id) : recordOf(lead).state === 'pending';
      let approved = 0;
      for (const lead of fake.leads) {
        if (chosen(lead) && recordOf(lead).state === 'pending') {
          fake.records.set(lead.id, { ...recordOf(lead), state: 'approved', approvedAt: NOW_ISO });
          approved++;
        }
      }
      return { approved };
    }),
    'sync:approve-one': fn('sync:approve-one', async ({ id }) => {
      const lead = fake.leads.find((l) => l.id === id);
      const record = lead && recordOf(lead);
      if (!record || (record.state !== 'pending' && record.state !== 'not_applicable'))
        return { approved: false };
      fake.records.set(id, { ...record, state: 'approved', approvedAt: NOW_ISO });
      return { approved: true };
    }),
    'sync:withdraw': fn('sync:withdraw', async ({ ids }) => {
      let withdrawn = 0;
      for (const id of ids) {
        const record = fake.records.get(id);
        if (record?.state === 'approved') {
          fake.records.delete(id);
          withdrawn++;
        }
      }
      return { withdrawn };
    }),
    'sync:test-connection': fn('sync:test-connection', async () => ({
      ok: true,
      message: 'Simulated: no CRM to connect to',
      missingFields: [],
      canCreateFields: false,
    })),
    'sync:create-fields': fn('sync:create-fields', async () => ({
      created: [],
      message: 'Nothing to create',
    })),
    'settings:get': fn('settings:get', async () => fake.settings),
    // Like the core: the change is validated and saved, the sync job follows, every window is told.
    'settings:update': fn('settings:update', async (change) => {
      fake.emitSettings(applySettings(fake.settings, change));
      const { enabled, schedule } = fake.settings.sync;
      fake.sync = { ...fake.sync, enabled, schedule, scheduleText: scheduleText(schedule) ?? schedule };
      return fake.settings;
    }),
    'settings:test-database': fn('settings:test-database', async (): Promise<TestResult> => ({
      ok: true,
      message: 'Connected to cluster0.example.net',
    })),
    'settings:test-api-key': fn('settings:test-api-key', async (): Promise<TestResult> => ({
      ok: true,
      message: 'The API key works',
      quota: null,
    })),
    'settings:test-webhook': fn('settings:test-webhook', async (): Promise<TestResult> => ({
      ok: true,
      message: 'The webhook accepted the test delivery (HTTP 200)',
    })),
    'database:retry-local': fn('database:retry-local', async () => {
      fake.emitStatus(
        statusWith({
          state: 'connecting',
          mode: 'local',
          local: { phase: 'starting', percent: null, message: 'Starting' },
        }),
      );
      return fake.status;
    }),
  };

  const transport: Transport = {
    async invoke(channel, payload) {
      if (!CHANNELS.includes(channel)) throw new Error(`unknown channel ${channel}`);
      const parsed = requestSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        const message = `Invalid request for ${channel}: ${parsed.error.message}`;
        refusedRequests.push(message);
        return { ok: false, error: { code: 'invalid_request', message } };
      }
      try {
        const handler = handle[channel] as unknown as (request: unknown) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data) };
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'internal';
        return {
          ok: false,
          error: { code, message: error instanceof Error ? error.message : String(error) },
        };
      }
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  /** A lead as the CRM knows it: what a test set in `records`, else from its sync state. */
  const recordOf = (lead: LeadView): LeadCrmView =>
    fake.records.get(lead.id) ?? {
      id: lead.id,
      state: lead.syncState,
      crm: lead.syncState === 'synced' ? fake.settings.crm.mode : null,
      recordId: null,
      recordUrl: null,
      syncedAt: lead.crmSyncedAt,
      approvedAt: null,
      error: lead.syncError,
    };

  const fake: FakeCore = {
    api: createApi(transport),
    records: new Map(),
    transport,
    handle,
    leads: init.leads ?? [],
    files: new Map(),
    failures: init.failures ?? [],
    runs: init.runs ?? [],
    status: init.status ?? connectedStatus,
    sync: init.sync ?? makeSyncStatus(),
    settings: init.settings ?? makeSettings(),
    overview: init.overview ?? makeOverview(),

    finishRun(summary = {}) {
      if (!pending) throw new Error('no run is pending');
      const { resolve } = pending;
      endRun();
      resolve(makeSummary(summary));
    },
    failRun(error) {
      if (!pending) throw new Error('no run is pending');
      const { reject } = pending;
      endRun();
      reject(error);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    emitProgress(progress) {
      fake.emit('enrich:progress', { cancelled: 0, waiting: 0, ...progress });
    },
    emitStatus(status) {
      fake.status = status;
      fake.emit('status:changed', status);
    },
    emitRuns(open) {
      const ids = new Set(open.map((run) => run.id));
      fake.runs = [...open, ...fake.runs.filter((run) => !ids.has(run.id))];
      fake.emit(
        'runs:changed',
        fake.runs.filter((run) => OPEN.includes(run.state)),
      );
    },
    finishSync(run = {}, joined = false) {
      if (!pendingSync) throw new Error('no sync is pending');
      pendingSync({ run: makeSyncRun({ trigger: 'manual', ...run }), joined });
      pendingSync = null;
    },
    emitSync(sync) {
      fake.sync = sync;
      fake.emit('sync:changed', sync);
    },
    emitSettings(settings) {
      fake.settings = settings;
      fake.emit('settings:changed', settings);
    },
  };
  return fake;
}
