// The composition root: builds the whole core from a configuration. The Electron main process,
// the headless command line, the browser bridge and the tests all start the app here.
import { IpcChannel, IpcEvent } from '@shared/channels';
import type { EventTypes, StatusView } from '@shared/contract';
import type { CoreConfig } from './config';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EnrichmentService } from './enrichment/service';
import { CoreError } from './errors';
import { NationalizeClient } from './nationalize/client';
import { redactSecrets } from './redact';
import { openDatabase, type Database } from './store/database';
import { LeadStore } from './store/leadStore';
import { SyncService } from './sync/service';
import { SyncStore } from './sync/syncStore';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export type CoreListener = <E extends IpcEvent>(event: E, payload: EventTypes[E]) => void;

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
  /** Test seam of the sync engine: runs between delivery and marking. */
  afterSyncDelivery?: (ids: string[]) => Promise<void> | void;
}

export async function createCoreApp(config: CoreConfig, options: CoreOptions = {}): Promise<CoreApp> {
  const secrets = [config.nationalize.apiKey, config.mongodbUri, config.sync.crm.webhookSecret];
  const instanceId = `${hostname()}#${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = (message: string): void => options.log?.(redactSecrets(message, secrets));
  const listeners = new Set<CoreListener>();
  const emit: CoreListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  let database: Database | null = null;
  let store: LeadStore | null = null;
  let syncStore: SyncStore | null = null;
  let dbMessage: string | null = config.mongodbUri
    ? null
    : 'No database configured: set MONGODB_URI (or a connection string in Settings)';

  // One connection attempt at a time: callers that arrive while it is under way share it.
  let connecting: Promise<LeadStore> | null = null;
  function connect(): Promise<LeadStore> {
    if (store) return Promise.resolve(store);
    if (!config.mongodbUri) return Promise.reject(new CoreError('not_configured', dbMessage!));
    connecting ??= openStores(config.mongodbUri).finally(() => {
      connecting = null;
      emit(IpcEvent.Status, status());
    });
    return connecting;
  }

  async function openStores(uri: string): Promise<LeadStore> {
    try {
      database = await openDatabase(uri, { timeoutMs: options.dbTimeoutMs });
    } catch (err) {
      dbMessage = err instanceof Error ? err.message : String(err);
      throw err;
    }
    store = new LeadStore(database.models);
    syncStore = new SyncStore(database.models);
    dbMessage = null;
    if (options.backgroundSync) sync.start();
    database.connection.on('disconnected', () => emit(IpcEvent.Status, status()));
    database.connection.on('connected', () => emit(IpcEvent.Status, status()));
    return store;
  }

  const client = new NationalizeClient(config.nationalize);
  const enrichment = new EnrichmentService({
    store: connect,
    client: () => client,
    threshold: () => config.verifiedThreshold,
    onProgress: (progress) => emit(IpcEvent.EnrichProgress, progress),
    onActiveRunChange: () => emit(IpcEvent.Status, status()),
  });
  client.onRateLimit(() => emit(IpcEvent.Status, status()));

  const sync = new SyncService({
    config: config.sync,
    store: async () => (await connect(), syncStore!),
    instanceId,
    log,
    afterDelivery: options.afterSyncDelivery,
    onChange: () => {
      if (listeners.size === 0 || !syncStore) return;
      sync.status().then(
        (view) => emit(IpcEvent.Sync, view),
        () => undefined,
      );
    },
  });

  function status(): StatusView {
    const connected = database?.connection.readyState === 1;
    return {
      database: {
        state: !config.mongodbUri ? 'not_configured' : connected ? 'connected' : 'disconnected',
        message: connected ? null : dbMessage,
      },
      rateLimit: client.lastRateLimit,
      activeRunId: enrichment.activeRunId,
    };
  }

  const handlers: Handlers = {
    [IpcChannel.EnrichStart]: ({ text }) => enrichment.enrichText(text),
    [IpcChannel.EnrichCancel]: async ({ runId }) => ({ cancelled: enrichment.cancel(runId) }),
    [IpcChannel.LeadsList]: async (query) => (await connect()).listLeads(query),
    [IpcChannel.LeadsRefresh]: ({ ids }) => enrichment.refreshLeads(ids),
    [IpcChannel.FailuresList]: async (query) => (await connect()).listFailures(query),
    [IpcChannel.FailuresRetry]: (query) => enrichment.retryFailures(query),
    [IpcChannel.RunsList]: async () => (await connect()).listRuns(),
    [IpcChannel.StatusGet]: async () => status(),
    [IpcChannel.SyncStatus]: () => sync.status(),
    [IpcChannel.SyncNow]: () => sync.syncNow('manual'),
    [IpcChannel.SyncConfigure]: async (change) => (sync.scheduler.configure(change), sync.status()),
    [IpcChannel.SyncRetryLeads]: ({ ids }) => sync.retryLeads(ids),
  };

  if (options.requireDatabase) await connect();
  else await connect().catch((err: unknown) => log(err instanceof Error ? err.message : String(err))); // the app opens anyway and shows the database state

  return {
    config,
    enrichment,
    client,
    sync,
    instanceId,
    dispatch: createDispatch(handlers, log),
    store: connect,
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
      await database?.close();
      database = null;
      store = null;
    },
  };
}
