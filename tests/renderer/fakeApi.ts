// An in-memory LeadEnricherApi for component tests: leads are filtered, sorted and paged like the
// core does, runs (enrich, retry, sync now) stay pending until the test finishes or fails them.
import { vi, type Mock } from 'vitest';
import type { LeadEnricherApi } from '@shared/api';
import type {
  EnrichProgress,
  EnrichSummary,
  FailureView,
  LeadView,
  LeadsPage,
  RunView,
  SecretView,
  SettingsUpdate,
  SettingsView,
  StatusView,
  SyncNowResult,
  SyncRunView,
  SyncState,
  SyncStatusView,
  TestResult,
} from '@shared/contract';

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
    status: 'Verified',
    isCrmSynced: syncState === 'synced',
    crmSyncedAt: null,
    syncError: null,
    createdAt: '2025-11-20T10:00:00.000Z',
    runId: null,
    ...overrides,
    syncState,
  };
}

export const THIS_APP = 'laptop#4242-a1b2c3';

export function makeSyncRun(overrides: Partial<SyncRunView> = {}): SyncRunView {
  return {
    id: freshId(),
    instanceId: THIS_APP,
    trigger: 'schedule',
    startedAt: '2025-11-20T10:40:00.000Z',
    finishedAt: '2025-11-20T10:40:02.000Z',
    claimed: 0,
    delivered: 0,
    failed: 0,
    error: null,
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
    startedAt: '2025-11-20T10:00:00.000Z',
    finishedAt: '2025-11-20T10:00:05.000Z',
    durationMs: 5000,
    pasted: 0,
    unique: 0,
    enriched: 0,
    alreadyEnriched: 0,
    failed: 0,
    cancelled: 0,
    ...overrides,
  };
}

export function makeFailure(overrides: Partial<FailureView> & { name: string; runId: string }): FailureView {
  return {
    id: freshId(),
    code: 'no_prediction',
    reason: 'nationalize.io has no prediction for this name',
    createdAt: '2025-11-20T10:00:05.000Z',
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<EnrichSummary> = {}): EnrichSummary {
  return {
    runId: hexId(999),
    pasted: 0,
    unique: 0,
    duplicatesFolded: 0,
    enriched: 0,
    alreadyEnriched: 0,
    failed: [],
    verified: 0,
    toCheck: 0,
    cancelled: 0,
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

/** Settings past the first run, on the local database, secrets encrypted by the OS. */
export function makeSettings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    database: { mode: 'local', uri: NOT_SET, name: 'lead_enricher' },
    nationalize: { baseUrl: 'https://api.nationalize.io', apiKey: NOT_SET, concurrency: 4 },
    verifiedThreshold: 0.6,
    sync: { enabled: true, schedule: '5' },
    crm: { mode: 'simulated', webhookUrl: null, webhookSecret: NOT_SET },
    secretStorage: 'encrypted',
    allowPlaintextSecrets: false,
    firstRunDone: true,
    problems: [],
    ...overrides,
  };
}

function invalid(field: string, message: string): Error {
  return new Error(`Invalid setting ${field}: ${message}`);
}

/** Applies a change like the core: validates (naming the field), masks secrets, answers the view. */
function applySettings(view: SettingsView, change: SettingsUpdate): SettingsView {
  const next = structuredClone(view);
  const secret = (value: string | null | undefined, current: SecretView, kind: 'uri' | 'key') => {
    if (value === undefined) return current;
    if (value !== null && next.secretStorage === 'needs_consent') {
      throw new Error(
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
      baseUrl: nationalize.baseUrl ?? next.nationalize.baseUrl,
      apiKey: secret(nationalize.apiKey, next.nationalize.apiKey, 'key'),
      concurrency,
    };
  }
  if (change.verifiedThreshold !== undefined) {
    if (!(change.verifiedThreshold >= 0 && change.verifiedThreshold <= 1)) {
      throw invalid('verifiedThreshold', 'must be between 0 and 1');
    }
    next.verifiedThreshold = change.verifiedThreshold;
  }
  if (sync) next.sync = { ...next.sync, ...sync };
  if (crm) {
    next.crm = {
      mode: crm.mode ?? next.crm.mode,
      webhookUrl: crm.webhookUrl === undefined ? next.crm.webhookUrl : crm.webhookUrl,
      webhookSecret: secret(crm.webhookSecret, next.crm.webhookSecret, 'key'),
    };
  }
  if (change.firstRunDone !== undefined) next.firstRunDone = change.firstRunDone;
  return next;
}

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? Mock<T[K]> : never };

export interface FakeApi extends Mocked<LeadEnricherApi> {
  leads: LeadView[];
  failures: FailureView[];
  runs: RunView[];
  status: StatusView;
  sync: SyncStatusView;
  settings: SettingsView;
  /** Resolves the pending enrich or retry with this summary. */
  finishRun(summary?: Partial<EnrichSummary>): void;
  /** Rejects the pending enrich or retry. */
  failRun(error: Error): void;
  emitProgress(progress: EnrichProgress): void;
  emitStatus(status: StatusView): void;
  /** Resolves the pending syncNow with this run (the sync status is left to the test). */
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
}

function compare(a: LeadView, b: LeadView, field: 'name' | 'country' | 'probability' | 'createdAt'): number {
  const x = a[field];
  const y = b[field];
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

export function createFakeApi(init: Init = {}): FakeApi {
  const progressListeners = new Set<(p: EnrichProgress) => void>();
  const statusListeners = new Set<(s: StatusView) => void>();
  const syncListeners = new Set<(s: SyncStatusView) => void>();
  const settingsListeners = new Set<(s: SettingsView) => void>();
  let pendingSync: ((result: SyncNowResult) => void) | null = null;
  let pending: { resolve: (s: EnrichSummary) => void; reject: (e: Error) => void } | null = null;

  const startRun = () =>
    new Promise<EnrichSummary>((resolve, reject) => {
      pending = { resolve, reject };
    });

  const fake: FakeApi = {
    leads: init.leads ?? [],
    failures: init.failures ?? [],
    runs: init.runs ?? [],
    status: init.status ?? connectedStatus,
    sync: init.sync ?? makeSyncStatus(),
    settings: init.settings ?? makeSettings(),

    enrich: vi.fn((_text: string) => startRun()),
    retryFailures: vi.fn((_query: { ids?: string[]; runId?: string }) => startRun()),
    refreshLeads: vi.fn((_ids: string[]) => startRun()),
    cancelEnrich: vi.fn(async (_runId?: string) => ({ cancelled: true })),
    listRuns: vi.fn(async () => fake.runs),
    getStatus: vi.fn(async () => fake.status),
    getSyncStatus: vi.fn(async () => fake.sync),
    syncNow: vi.fn(
      () =>
        new Promise<SyncNowResult>((resolve) => {
          pendingSync = resolve;
        }),
    ),
    // Validates like the core: minutes from 1, or a cron expression of 5 or 6 fields.
    configureSync: vi.fn(async (change: { enabled?: boolean; schedule?: string }) => {
      const schedule = change.schedule?.trim();
      const minutes = schedule !== undefined && /^\d+$/.test(schedule) ? Number(schedule) : null;
      if (
        schedule !== undefined &&
        (minutes === 0 || (minutes === null && !/^\S+(\s+\S+){4,5}$/.test(schedule)))
      ) {
        throw new Error(
          `Invalid sync schedule "${schedule}": give minutes between runs (like 5) or a cron expression (like */15 9-18 * * 1-5)`,
        );
      }
      if (change.enabled !== undefined) fake.sync = { ...fake.sync, enabled: change.enabled };
      if (schedule !== undefined) {
        const scheduleText = minutes === null ? `cron: ${schedule}` : `every ${minutes} minutes`;
        fake.sync = { ...fake.sync, schedule, scheduleText };
      }
      return fake.sync;
    }),
    retrySync: vi.fn(async (ids: string[]) => {
      let reset = 0;
      fake.leads = fake.leads.map((lead) => {
        if (!ids.includes(lead.id) || lead.syncState !== 'failed') return lead;
        reset++;
        return { ...lead, syncState: 'pending', syncError: null };
      });
      return { reset };
    }),

    getSettings: vi.fn(async () => fake.settings),
    // Like main: the change is validated and saved, then pushed to every window.
    updateSettings: vi.fn(async (change: SettingsUpdate) => {
      fake.emitSettings(applySettings(fake.settings, change));
      return fake.settings;
    }),
    testDatabase: vi.fn(async (_uri?: string): Promise<TestResult> => ({
      ok: true,
      message: 'Connected to cluster0.example.net',
    })),
    testApiKey: vi.fn(async (_change?: { apiKey?: string; baseUrl?: string }): Promise<TestResult> => ({
      ok: true,
      message: 'The API key works',
      quota: null,
    })),
    testWebhook: vi.fn(async (_change?: { url?: string; secret?: string }): Promise<TestResult> => ({
      ok: true,
      message: 'The webhook accepted the test delivery (HTTP 200)',
    })),
    retryLocalDatabase: vi.fn(async () => {
      fake.emitStatus(
        statusWith({
          state: 'connecting',
          mode: 'local',
          local: { phase: 'starting', percent: null, message: 'Starting' },
        }),
      );
      return fake.status;
    }),

    listLeads: vi.fn(async (query = {}): Promise<LeadsPage> => {
      const {
        status,
        syncState,
        search,
        sortBy = 'createdAt',
        sortDir = 'desc',
        page = 1,
        pageSize = 50,
      } = query;
      const needle = search?.toLowerCase();
      const matching = fake.leads.filter(
        (lead) =>
          !needle ||
          lead.name.toLowerCase().includes(needle) ||
          lead.country.toLowerCase().includes(needle) ||
          lead.countryCode.toLowerCase() === needle,
      );
      const filtered = matching
        .filter((lead) => !syncState || lead.syncState === syncState)
        .filter((lead) => !status || lead.status === status)
        .sort((a, b) => compare(a, b, sortBy) * (sortDir === 'asc' ? 1 : -1));
      return {
        items: filtered.slice((page - 1) * pageSize, page * pageSize),
        total: filtered.length,
        page,
        pageSize,
        counts: {
          all: matching.length,
          verified: matching.filter((lead) => lead.status === 'Verified').length,
          toCheck: matching.filter((lead) => lead.status === 'To Check').length,
        },
      };
    }),

    listFailures: vi.fn(async (query = {}) => {
      const items = fake.failures.filter((failure) => !query.runId || failure.runId === query.runId);
      const runs = fake.runs.filter((run) => fake.failures.some((failure) => failure.runId === run.id));
      return { items, runs };
    }),

    onEnrichProgress: vi.fn((listener: (p: EnrichProgress) => void) => {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    }),
    onStatus: vi.fn((listener: (s: StatusView) => void) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    }),
    onSync: vi.fn((listener: (s: SyncStatusView) => void) => {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    }),
    onSettings: vi.fn((listener: (s: SettingsView) => void) => {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    }),

    finishRun(summary = {}) {
      if (!pending) throw new Error('no run is pending');
      pending.resolve(makeSummary(summary));
      pending = null;
    },
    failRun(error) {
      if (!pending) throw new Error('no run is pending');
      pending.reject(error);
      pending = null;
    },
    emitProgress(progress) {
      for (const listener of progressListeners) listener(progress);
    },
    emitStatus(status) {
      fake.status = status;
      for (const listener of statusListeners) listener(status);
    },
    finishSync(run = {}, joined = false) {
      if (!pendingSync) throw new Error('no sync is pending');
      pendingSync({ run: makeSyncRun({ trigger: 'manual', ...run }), joined });
      pendingSync = null;
    },
    emitSync(sync) {
      fake.sync = sync;
      for (const listener of syncListeners) listener(sync);
    },
    emitSettings(settings) {
      fake.settings = settings;
      for (const listener of settingsListeners) listener(settings);
    },
  };
  return fake;
}
