// The composition root: builds the whole core from a configuration. The Electron main process,
// the headless command line, the browser bridge and the tests all start the app here.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { IpcChannel, IpcEvent } from '@shared/channels';
import type { EventTypes, LocalDatabaseView, StatusView } from '@shared/contract';
import type { CoreConfig } from './config';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EnrichmentService } from './enrichment/service';
import { CoreError } from './errors';
import { NationalizeClient } from './nationalize/client';
import { redactSecrets } from './redact';
import { testApiKey, testWebhook } from './settings/checks';
import type { SettingsService } from './settings/service';
import { ConnectionManager, type ConnectionTarget } from './store/connection';
import { probeDatabase } from './store/database';
import { LeadStore } from './store/leadStore';
import { SyncService } from './sync/service';
import { SyncStore } from './sync/syncStore';

export type CoreListener = <E extends IpcEvent>(event: E, payload: EventTypes[E]) => void;

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
  /** The lead store; throws a CoreError when no database is configured or it cannot be reached. */
  store(): Promise<LeadStore>;
  status(): StatusView;
  subscribe(listener: CoreListener): () => void;
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
}

const NOT_CONFIGURED = 'No database configured: set MONGODB_URI (or a connection string in Settings)';

export async function createCoreApp(baseConfig: CoreConfig, options: CoreOptions = {}): Promise<CoreApp> {
  const { settings } = options;
  let config = settings ? settings.toConfig(baseConfig) : baseConfig;
  const instanceId = `${hostname()}#${process.pid}-${randomBytes(3).toString('hex')}`;
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
  const emitStatus = (): void => emit(IpcEvent.Status, status());

  let stores: { leads: LeadStore; sync: SyncStore } | null = null;
  let wasConnected = false;
  const connection = new ConnectionManager({
    timeoutMs: options.dbTimeoutMs,
    notConfiguredMessage: NOT_CONFIGURED,
    log,
    onConnected: (database) => {
      stores = { leads: new LeadStore(database.models), sync: new SyncStore(database.models) };
    },
    onChange: (snapshot) => {
      if (snapshot.state !== 'connected' && snapshot.state !== 'disconnected') stores = null;
      // Back after a drop or a switch: the background job picks up what waited.
      if (snapshot.state === 'connected' && wasConnected === false) sync.resume();
      wasConnected = snapshot.state === 'connected';
      emitStatus();
    },
  });

  async function leadStore(): Promise<LeadStore> {
    await connection.get();
    return stores!.leads;
  }
  async function syncStore(): Promise<SyncStore> {
    await connection.get();
    return stores!.sync;
  }

  let client = new NationalizeClient(config.nationalize);
  const watchRateLimit = (c: NationalizeClient) => c.onRateLimit(() => emitStatus());
  watchRateLimit(client);
  const enrichment = new EnrichmentService({
    store: leadStore,
    client: () => client,
    threshold: () => config.verifiedThreshold,
    onProgress: (progress) => emit(IpcEvent.EnrichProgress, progress),
    onActiveRunChange: () => emitStatus(),
  });

  const sync = new SyncService({
    config: config.sync,
    store: syncStore,
    isDatabaseReady: () => connection.connected,
    instanceId,
    log,
    onChange: () => {
      if (listeners.size === 0 || !stores) return;
      sync.status().then(
        (view) => emit(IpcEvent.Sync, view),
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
    emit(IpcEvent.Settings, requireSettings().view());
  }

  const handlers: Handlers = {
    [IpcChannel.EnrichStart]: ({ text }) => enrichment.enrichText(text),
    [IpcChannel.EnrichCancel]: async ({ runId }) => ({ cancelled: enrichment.cancel(runId) }),
    [IpcChannel.LeadsList]: async (query) => (await leadStore()).listLeads(query),
    [IpcChannel.LeadsRefresh]: ({ ids }) => enrichment.refreshLeads(ids),
    [IpcChannel.FailuresList]: async (query) => (await leadStore()).listFailures(query),
    [IpcChannel.FailuresRetry]: (query) => enrichment.retryFailures(query),
    [IpcChannel.RunsList]: async () => (await leadStore()).listRuns(),
    [IpcChannel.StatusGet]: async () => status(),
    [IpcChannel.SyncStatus]: () => sync.status(),
    [IpcChannel.SyncNow]: () => sync.syncNow('manual'),
    [IpcChannel.SyncConfigure]: async (change) => {
      if (settings) {
        settings.update({ sync: change });
        await applySettings();
      } else {
        sync.scheduler.configure(change);
      }
      return sync.status();
    },
    [IpcChannel.SyncRetryLeads]: ({ ids }) => sync.retryLeads(ids),
    [IpcChannel.SettingsGet]: async () => requireSettings().view(),
    [IpcChannel.SettingsUpdate]: async (change) => {
      requireSettings().update(change);
      await applySettings();
      return requireSettings().view();
    },
    [IpcChannel.SettingsTestDatabase]: async ({ uri }) => {
      const target = uri ?? (settings ? settings.secret('database.uri') : config.mongodbUri);
      if (!target) return { ok: false, message: 'No connection string to test: paste one first' };
      if (!/^mongodb(\+srv)?:\/\//.test(target)) {
        return { ok: false, message: 'A connection string starts with mongodb:// or mongodb+srv://' };
      }
      return probeDatabase(target);
    },
    [IpcChannel.SettingsTestApiKey]: ({ apiKey, baseUrl }) =>
      testApiKey(
        baseUrl || config.nationalize.baseUrl,
        apiKey === undefined ? config.nationalize.apiKey : apiKey || null,
      ),
    [IpcChannel.SettingsTestWebhook]: ({ url, secret }) =>
      testWebhook(url ?? config.sync.crm.webhookUrl, secret ?? config.sync.crm.webhookSecret),
    [IpcChannel.DatabaseRetryLocal]: async () => {
      if (databaseMode() === 'local') await connectAsConfigured();
      return status();
    },
  };

  if (options.backgroundSync) sync.start();
  if (options.requireDatabase) {
    await connection.use(
      config.mongodbUri ? { uri: config.mongodbUri, dbName: config.databaseName ?? undefined } : null,
    );
    const { state, message } = connection.snapshot;
    if (state !== 'connected')
      throw new CoreError(config.mongodbUri ? 'db_unavailable' : 'not_configured', message ?? state);
  } else {
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
    store: leadStore,
    status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // Names not yet sent end as cancelled; what the API already answered is stored before the database closes.
      await enrichment.cancelAndSettle();
      // The job stops taking work; a run in flight gets a bounded time to finish and mark its batch.
      await sync.stop();
      listeners.clear();
      await connection.close();
      if (localRunning) await options.localDatabase?.stop().catch(() => undefined);
    },
  };
}
