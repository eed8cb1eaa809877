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
  StatusView,
  SyncNowResult,
  SyncRunView,
  SyncState,
  SyncStatusView,
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
  database: { state: 'connected', message: null },
  rateLimit: null,
  activeRunId: null,
};

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? Mock<T[K]> : never };

export interface FakeApi extends Mocked<LeadEnricherApi> {
  leads: LeadView[];
  failures: FailureView[];
  runs: RunView[];
  status: StatusView;
  sync: SyncStatusView;
  /** Resolves the pending enrich or retry with this summary. */
  finishRun(summary?: Partial<EnrichSummary>): void;
  /** Rejects the pending enrich or retry. */
  failRun(error: Error): void;
  emitProgress(progress: EnrichProgress): void;
  emitStatus(status: StatusView): void;
  /** Resolves the pending syncNow with this run (the sync status is left to the test). */
  finishSync(run?: Partial<SyncRunView>, joined?: boolean): void;
  emitSync(sync: SyncStatusView): void;
}

interface Init {
  leads?: LeadView[];
  failures?: FailureView[];
  runs?: RunView[];
  status?: StatusView;
  sync?: SyncStatusView;
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
  };
  return fake;
}
