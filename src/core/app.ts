// The composition root: builds the whole core from a configuration. The Electron main process,
// the headless command line, the browser bridge and the tests all start the app here.
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import {
  OPEN_RUN_STATES,
  type RateLimitView,
  type EventName,
  type EventPayloads,
  type LocalDatabaseView,
  type StatusView,
} from '@shared/contract';
import type { NameColumnChoice } from '@shared/names';
import type { CoreConfig } from './config';
import type { Writable } from 'node:stream';
import { failuresExportRequest, leadsExportRequest } from '@shared/schemas';
import { createDispatch, describeIssues, type Dispatch, type Handlers } from './dispatch';
import { exportFailuresTo, exportLeadsTo, exportToFile } from './export';
import { RunResumer } from './enrichment/resumer';
import { checkTable, EnrichmentService } from './enrichment/service';
import { ImportError, importFile } from './import';
import { CoreError } from './errors';
import { NationalizeClient } from './nationalize/client';
import { redactSecrets } from './redact';
import { testApiKeyRequest, testWebhook } from './settings/checks';
import type { SettingsService } from './settings/service';
import { ConnectionManager, type ConnectionTarget } from './store/connection';
import { connectionStringProblem } from './store/connectionString';
import { probeDatabase, type Database } from './store/database';
import { LeadStore, type FailureExportQuery, type LeadExportQuery } from './store/leadStore';
import { QuotaStore, quotaFingerprint } from './store/quotaStore';
import { MongoRunStore } from './store/runStore';
import { SyncService } from './sync/service';
import { SyncStore } from './sync/syncStore';

export type CoreListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** The database on this computer (the desktop app's default): started on demand, stopped on quit. */
export interface LocalDatabaseProvider {
  start(onProgress: (view: LocalDatabaseView) => void): Promise<{ uri: string }>;
  stop(): Promise<void>;
}

export interface CoreApp {
  readonly config: CoreConfig;
  readonly enrichment: EnrichmentService;
  readonly client: NationalizeClient;
  readonly sync: SyncService;
  /** This app's id in sync claims and runs: several apps may share a database. */
  readonly instanceId: string;
  dispatch: Dispatch;
  /**
   * Writes an export (a `leads:export` or `failures:export` request, its path aside) to a stream: the
   * bridge's download, the command line's standard output. Resolves with the rows written.
   */
  exportTo(kind: 'leads' | 'failures', request: unknown, out: Writable): Promise<number>;
  /** The lead store; throws a CoreError when no database is configured or it cannot be reached. */
  store(): Promise<LeadStore>;
  status(): StatusView;
  subscribe(listener: CoreListener): () => void;
  /** The computer woke up or the network came back: a missed sync runs once, waiting runs are looked at. */
  wake(): void;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Fail at start when the database cannot be reached (the command line); the app keeps running instead. */
  requireDatabase?: boolean;
  log?: (message: string) => void;
  dbTimeoutMs?: number;
  /** Run the background sync job while the app is open (the desktop app); the CLI syncs only when asked. */
  backgroundSync?: boolean;
  /** The person's settings (desktop app, browser bridge): the configuration is built from them and follows them. */
  settings?: SettingsService;
  /** Used when the settings choose "this computer". */
  localDatabase?: LocalDatabaseProvider;
  /** Which front end this core serves: a sync run started from the command line is recorded as such. */
  frontEnd?: 'app' | 'cli';
  /** Go on with unfinished runs by themselves: at start, when the database is back, when the quota resets. */
  backgroundRuns?: boolean;
}

const DAY_MS = 86_400_000;
const QUOTA_SAVE_EVERY_MS = 5000;

/** Who decides, in the verdicts a person gives: the name they are logged in as. */
function currentUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

interface Stores {
  leads: LeadStore;
  runs: MongoRunStore;
  sync: SyncStore;
  quota: QuotaStore;
}

const NOT_CONFIGURED = 'No database configured: set MONGODB_URI (or a connection string in Settings)';

export async function createCoreApp(baseConfig: CoreConfig, options: CoreOptions = {}): Promise<CoreApp> {
  const { settings } = options;
  let config = settings ? settings.toConfig(baseConfig) : baseConfig;
  const instanceId = `${hostname()}#${process.pid}-${randomBytes(3).toString('hex')}`;
  const userName = currentUserName();
  const classifyRules = () => ({
    threshold: config.verifiedThreshold,
    minSampleCount: config.enrichment.minSampleCount,
  });
  const secrets = () => {
    const { crm } = config.sync;
    return [
      config.nationalize.apiKey,
      config.mongodbUri,
      crm.webhookSecret,
      crm.hubspot.token,
      crm.pipedrive.apiToken,
      crm.salesforce.accessToken,
    ];
  };
  const log = (message: string): void => options.log?.(redactSecrets(message, secrets()));
  const listeners = new Set<CoreListener>();
  const emit: CoreListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const emitStatus = (): void => emit('status:changed', status());

  let wasConnected = false;
  // Built once the enrichment service exists; the connection wakes it when the database is back.
  let resumer: RunResumer | null = null;
  const connection = new ConnectionManager({
    timeoutMs: options.dbTimeoutMs,
    notConfiguredMessage: NOT_CONFIGURED,
    log,
    onChange: (snapshot) => {
      // Back after a drop or a switch: the background jobs pick up what waited.
      if (snapshot.state === 'connected' && wasConnected === false) {
        sync.resume();
        resumer?.wake();
      }
      wasConnected = snapshot.state === 'connected';
      emitStatus();
    },
  });

  // The stores of the database the connection returns: a switch can never hand out another's.
  const storesByDatabase = new WeakMap<Database, Stores>();
  async function stores(): Promise<Stores> {
    const database = await connection.get();
    let found = storesByDatabase.get(database);
    if (!found) {
      const leads = new LeadStore(database.models);
      found = {
        leads,
        runs: new MongoRunStore(database.models, leads),
        sync: new SyncStore(database.models),
        quota: new QuotaStore(database.models),
      };
      storesByDatabase.set(database, found);
      await seedQuota(found.quota);
    }
    return found;
  }
  const leadStore = async (): Promise<LeadStore> => (await stores()).leads;
  const syncStore = async (): Promise<SyncStore> => (await stores()).sync;

  let client = new NationalizeClient(config.nationalize);
  // The quota the API last reported is kept in the database (at most every few seconds), and a new client
  // starts from it: the cost shown before the first run of a session knows what is left.
  let quotaSave: NodeJS.Timeout | null = null;
  let latestQuota: RateLimitView | null = null;
  const saveQuota = async (): Promise<void> => {
    quotaSave = null;
    const view = latestQuota;
    if (!view || !connection.connected) return;
    const fingerprint = quotaFingerprint(config.nationalize.baseUrl, config.nationalize.apiKey);
    await stores()
      .then((s) => s.quota.save(fingerprint, view))
      .catch(() => undefined);
  };
  const watchRateLimit = (c: NationalizeClient) =>
    c.onRateLimit((view) => {
      emitStatus();
      latestQuota = view;
      // The last view of a burst is the one saved, a few seconds after it.
      if (!quotaSave) {
        quotaSave = setTimeout(() => void saveQuota(), QUOTA_SAVE_EVERY_MS);
        quotaSave.unref();
      }
    });
  watchRateLimit(client);
  const seedQuota = async (quota: QuotaStore): Promise<void> => {
    const view = await quota
      .load(quotaFingerprint(config.nationalize.baseUrl, config.nationalize.apiKey))
      .catch(() => null);
    if (view) client.seedRateLimit(view);
  };
  const enrichment = new EnrichmentService({
    stores,
    client: () => client,
    classify: () => classifyRules(),
    demographics: () => [
      ...(config.enrichment.gender ? (['genderize'] as const) : []),
      ...(config.enrichment.age ? (['agify'] as const) : []),
    ],
    reuseAnswersMs: () => config.enrichment.reuseAnswersDays * DAY_MS,
    instanceId,
    leaseMs: config.enrichment.leaseMs,
    log,
    onProgress: (progress) => emit('enrich:progress', progress),
    onRunsChange: () => {
      emitStatus();
      resumer?.reschedule();
      if (listeners.size === 0) return;
      enrichment.listRuns().then(
        (runs) =>
          emit(
            'runs:changed',
            runs.filter((run) => OPEN_RUN_STATES.includes(run.state)),
          ),
        () => undefined,
      );
    },
  });
  // The desktop app goes on with runs by itself: those of a closed or crashed app, and those waiting for quota.
  if (options.backgroundRuns) resumer = new RunResumer(enrichment, () => connection.connected, log);

  const sync = new SyncService({
    config: config.sync,
    store: syncStore,
    isDatabaseReady: () => connection.connected,
    instanceId,
    log,
    onChange: () => {
      if (listeners.size === 0 || !connection.connected) return;
      sync.status().then(
        (view) => emit('sync:changed', view),
        () => undefined,
      );
    },
  });

  // Where the database is: the local one on this computer, or a connection string.
  let localView: LocalDatabaseView | null = null;
  let localRunning = false;
  const databaseMode = (): 'local' | 'uri' =>
    settings ? settings.settings.database.mode : config.mongodbUri ? 'uri' : 'local';

  async function connectAsConfigured(): Promise<void> {
    const dbName = config.databaseName ?? undefined;
    if (databaseMode() === 'uri' || !options.localDatabase) {
      if (localRunning) await stopLocal();
      const target: ConnectionTarget | null = config.mongodbUri ? { uri: config.mongodbUri, dbName } : null;
      await connection.use(target);
      return;
    }
    connection.pending('Starting the local database…');
    try {
      const { uri } = await options.localDatabase.start((view) => {
        localView = view;
        emitStatus();
      });
      localRunning = true;
      await connection.use({ uri, dbName, label: 'this computer' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      localView = { phase: 'failed', percent: null, message };
      connection.failed(message);
      log(message);
    }
  }

  async function stopLocal(): Promise<void> {
    await connection.use(null);
    await options.localDatabase
      ?.stop()
      .catch((err: unknown) => log(`Stopping the local database: ${String(err)}`));
    localRunning = false;
    localView = localView && { ...localView, phase: 'stopped', message: 'The local database is stopped' };
  }

  function status(): StatusView {
    const snapshot = connection.snapshot;
    const mode = databaseMode();
    return {
      database: {
        state: snapshot.state,
        message: snapshot.message,
        mode,
        target: snapshot.target ?? (mode === 'local' ? 'this computer' : null),
        local: mode === 'local' ? localView : null,
      },
      rateLimit: client.lastRateLimit,
      activeRunId: enrichment.activeRunId,
    };
  }

  function requireSettings(): SettingsService {
    if (!settings)
      throw new CoreError(
        'not_configured',
        'Settings are not available here: configure with environment variables',
      );
    return settings;
  }

  /** Applies saved settings to the running app: API client, threshold, sync, and the database if it changed. */
  async function applySettings(): Promise<void> {
    const before = config;
    config = requireSettings().toConfig(baseConfig);
    if (JSON.stringify(before.nationalize) !== JSON.stringify(config.nationalize)) {
      client = new NationalizeClient(config.nationalize);
      watchRateLimit(client);
    }
    sync.reconfigure(config.sync);
    const databaseChanged =
      before.mongodbUri !== config.mongodbUri ||
      before.databaseName !== config.databaseName ||
      (settings && databaseMode() === 'local' && !localRunning);
    if (databaseChanged) void connectAsConfigured();
    emit('settings:changed', requireSettings().view());
  }

  /** Files being read, for a run or its review: enrich:cancel stops them (nothing is kept of a file read halfway). */
  const imports = new Set<AbortController>();

  /** A list file read for a run or its review; a broken file is one error naming the file and the row. */
  const readFile = (path: string, column: NameColumnChoice | undefined, trace = false) => {
    const importing = new AbortController();
    imports.add(importing);
    return importFile(path, {
      column,
      trace,
      signal: importing.signal,
      onProgress: (progress) => emit('import:progress', progress),
    })
      .finally(() => imports.delete(importing))
      .catch((err: unknown) => {
        // Say which file, unless the message already does (it could not be read at all).
        if (err instanceof ImportError && err.kind !== 'unreadable') {
          throw new ImportError(err.kind, `${path}: ${err.message}`);
        }
        throw err;
      });
  };

  const savePath = (path: string | undefined): string => {
    if (!path) throw new CoreError('invalid_request', 'Choose where to save the export');
    return path;
  };

  const handlers: Handlers = {
    'enrich:start': ({ text, column }) => enrichment.enrichText(text, column),
    'enrich:file': async ({ path, column }) =>
      enrichment.enrichParsed(checkTable(await readFile(path, column), column)),
    'enrich:plan': ({ text, column }) => enrichment.plan(text, column),
    'enrich:review': async ({ text, path, column }) => {
      if (text !== undefined) return enrichment.reviewText(text, column);
      const parsed = await readFile(path!, column, true);
      return enrichment.review(parsed, 'file', parsed.format);
    },
    'enrich:cancel': async ({ runId }) => {
      const importing = imports.size > 0 && !runId;
      for (const controller of imports) controller.abort();
      return { cancelled: (await enrichment.cancel(runId)) || importing };
    },
    'leads:list': async (query) => (await leadStore()).listLeads(query),
    'leads:counts': async (filter) => (await leadStore()).countLeads(filter),
    'leads:refresh': (selection) => enrichment.refreshLeads(selection),
    'leads:delete': async (selection) => {
      const result = await (await leadStore()).deleteLeads(selection);
      sync.notifyChange();
      return result;
    },
    'leads:decide': async ({ ids, decision, countryCode }) => {
      const result = await (await leadStore()).decide(ids, decision, userName, classifyRules(), countryCode);
      sync.notifyChange();
      return result;
    },
    'leads:reclassify-preview': async ({ threshold, minSampleCount }) =>
      (await leadStore()).reclassifyPreview({
        threshold: threshold ?? config.verifiedThreshold,
        minSampleCount: minSampleCount ?? config.enrichment.minSampleCount,
      }),
    'leads:reclassify': async () => {
      const result = await (await leadStore()).reclassify(classifyRules());
      sync.notifyChange();
      return result;
    },
    'overview:get': async () => (await leadStore()).overview(config.enrichment.minSampleCount),
    'failures:list': async (query) => (await leadStore()).listFailures(query),
    'failures:retry': (query) => enrichment.retryFailures(query),
    'failures:dismiss': async (query) => (await leadStore()).dismissFailures(query),
    'leads:export': async ({ format, path, ...query }) => {
      const store = await leadStore();
      const rows = await exportToFile(savePath(path), (out) => exportLeadsTo(store, query, format, out));
      return { format, rows, path: path!, cancelled: false };
    },
    'failures:export': async ({ format, path, ...query }) => {
      const store = await leadStore();
      const rows = await exportToFile(savePath(path), (out) => exportFailuresTo(store, query, format, out));
      return { format, rows, path: path!, cancelled: false };
    },
    'runs:list': () => enrichment.listRuns(),
    'runs:resume': async () => ({ resumed: await enrichment.resumeAll() }),
    'status:get': async () => status(),
    'sync:status': () => sync.status(),
    'sync:now': () => sync.syncNow(options.frontEnd === 'cli' ? 'cli' : 'manual'),
    'sync:retry-leads': ({ ids }) => sync.retryLeads(ids),
    'sync:counts': () => sync.counts(),
    'sync:lead-records': ({ ids }) => sync.leadRecords(ids),
    'sync:approve': (request) => sync.approveLeads('ids' in request ? request.ids : 'all-pending'),
    'sync:approve-one': ({ id }) => sync.approveLead(id),
    'sync:withdraw': ({ ids }) => sync.withdrawApproval(ids),
    'sync:test-connection': () => sync.testConnection(),
    'sync:create-fields': () => sync.createCrmFields(),
    'settings:get': async () => requireSettings().view(),
    'settings:update': async (change) => {
      requireSettings().update(change);
      await applySettings();
      return requireSettings().view();
    },
    'settings:test-database': async ({ uri }) => {
      const target = uri ?? (settings ? settings.secret('database.uri') : config.mongodbUri);
      if (!target) return { ok: false, message: 'No connection string to test: paste one first' };
      const problem = connectionStringProblem(target);
      if (problem) return { ok: false, message: `The connection string is not usable: ${problem}` };
      return probeDatabase(target, { dbName: config.databaseName ?? undefined });
    },
    'settings:test-api-key': (request) => testApiKeyRequest(config.nationalize, request),
    'settings:test-webhook': ({ url, secret }) =>
      testWebhook(url ?? config.sync.crm.webhookUrl, secret ?? config.sync.crm.webhookSecret),
    'database:retry-local': async () => {
      if (databaseMode() === 'local') await connectAsConfigured();
      return status();
    },
  };

  if (options.requireDatabase) {
    // The caller reports a failure (the CLI prints it, once): it is thrown to it, not logged as well.
    if (!config.mongodbUri) throw new CoreError('not_configured', NOT_CONFIGURED);
    await connection.connect({ uri: config.mongodbUri, dbName: config.databaseName ?? undefined });
  }
  if (options.backgroundSync) sync.start();
  resumer?.start();
  if (!options.requireDatabase) {
    // The app opens at once and shows the database state as it connects (or starts the local database).
    void connectAsConfigured();
  }

  return {
    get config() {
      return config;
    },
    enrichment,
    get client() {
      return client;
    },
    sync,
    instanceId,
    dispatch: createDispatch(handlers, log),
    async exportTo(kind, request, out) {
      const schema = kind === 'leads' ? leadsExportRequest : failuresExportRequest;
      const parsed = schema.safeParse(request ?? {});
      if (!parsed.success) {
        throw new CoreError('invalid_request', `Invalid export: ${describeIssues(parsed.error)}`);
      }
      const { format, path: _path, ...query } = parsed.data;
      const store = await leadStore();
      return kind === 'leads'
        ? exportLeadsTo(store, query as LeadExportQuery, format, out)
        : exportFailuresTo(store, query as FailureExportQuery, format, out);
    },
    store: leadStore,
    status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wake() {
      sync.onResume();
      resumer?.wake();
    },
    async close() {
      // Runs stop asking and store what the API already answered; the next start resumes them.
      resumer?.stop();
      await enrichment.interruptAll();
      if (quotaSave) {
        clearTimeout(quotaSave);
        await saveQuota();
      }
      // The job stops taking work; a run in flight gets a bounded time to finish and mark its batch.
      await sync.stop();
      listeners.clear();
      await connection.close();
      if (localRunning) await options.localDatabase?.stop().catch(() => undefined);
    },
  };
}
