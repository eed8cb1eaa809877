// The `window.api` the renderer sees. One function per operation; built over any transport
// (Electron IPC in the preload, HTTP in the browser bridge) so both have exactly the same shape.
import { IpcChannel, IpcEvent } from './channels';
import type {
  ApiErrorCode,
  EnrichProgress,
  EnrichSummary,
  Envelope,
  EventTypes,
  FailuresPage,
  LeadsPage,
  LeadsQuery,
  RequestOf,
  ResponseTypes,
  RunView,
  StatusView,
  SettingsUpdate,
  SettingsView,
  SyncNowResult,
  SyncStatusView,
  TestResult,
} from './contract';

export interface Transport {
  invoke(channel: IpcChannel, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(event: IpcEvent, listener: (payload: unknown) => void): () => void;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface LeadEnricherApi {
  enrich(text: string): Promise<EnrichSummary>;
  cancelEnrich(runId?: string): Promise<{ cancelled: boolean }>;
  listLeads(query?: LeadsQuery): Promise<LeadsPage>;
  refreshLeads(ids: string[]): Promise<EnrichSummary>;
  listFailures(query?: { runId?: string }): Promise<FailuresPage>;
  retryFailures(query: { ids?: string[]; runId?: string }): Promise<EnrichSummary>;
  listRuns(): Promise<RunView[]>;
  getStatus(): Promise<StatusView>;
  getSyncStatus(): Promise<SyncStatusView>;
  syncNow(): Promise<SyncNowResult>;
  configureSync(change: { enabled?: boolean; schedule?: string }): Promise<SyncStatusView>;
  retrySync(ids: string[]): Promise<{ reset: number }>;
  getSettings(): Promise<SettingsView>;
  updateSettings(change: SettingsUpdate): Promise<SettingsView>;
  testDatabase(uri?: string): Promise<TestResult>;
  testApiKey(change?: { apiKey?: string; baseUrl?: string }): Promise<TestResult>;
  testWebhook(change?: { url?: string; secret?: string }): Promise<TestResult>;
  retryLocalDatabase(): Promise<StatusView>;
  onEnrichProgress(listener: (progress: EnrichProgress) => void): () => void;
  onStatus(listener: (status: StatusView) => void): () => void;
  onSync(listener: (sync: SyncStatusView) => void): () => void;
  onSettings(listener: (settings: SettingsView) => void): () => void;
}

export function createApi(transport: Transport): LeadEnricherApi {
  async function call<C extends IpcChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseTypes[C]> {
    const envelope = await transport.invoke(channel, payload);
    if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
    return envelope.data as ResponseTypes[C];
  }
  function on<E extends IpcEvent>(event: E, listener: (payload: EventTypes[E]) => void): () => void {
    return transport.subscribe(event, (payload) => listener(payload as EventTypes[E]));
  }
  return {
    enrich: (text) => call(IpcChannel.EnrichStart, { text }),
    cancelEnrich: (runId) => call(IpcChannel.EnrichCancel, runId ? { runId } : {}),
    listLeads: (query = {}) => call(IpcChannel.LeadsList, query),
    refreshLeads: (ids) => call(IpcChannel.LeadsRefresh, { ids }),
    listFailures: (query = {}) => call(IpcChannel.FailuresList, query),
    retryFailures: (query) => call(IpcChannel.FailuresRetry, query),
    listRuns: () => call(IpcChannel.RunsList, {}),
    getStatus: () => call(IpcChannel.StatusGet, {}),
    getSyncStatus: () => call(IpcChannel.SyncStatus, {}),
    syncNow: () => call(IpcChannel.SyncNow, {}),
    configureSync: (change) => call(IpcChannel.SyncConfigure, change),
    retrySync: (ids) => call(IpcChannel.SyncRetryLeads, { ids }),
    getSettings: () => call(IpcChannel.SettingsGet, {}),
    updateSettings: (change) => call(IpcChannel.SettingsUpdate, change),
    testDatabase: (uri) => call(IpcChannel.SettingsTestDatabase, uri ? { uri } : {}),
    testApiKey: (change = {}) => call(IpcChannel.SettingsTestApiKey, change),
    testWebhook: (change = {}) => call(IpcChannel.SettingsTestWebhook, change),
    retryLocalDatabase: () => call(IpcChannel.DatabaseRetryLocal, {}),
    onEnrichProgress: (listener) => on(IpcEvent.EnrichProgress, listener),
    onStatus: (listener) => on(IpcEvent.Status, listener),
    onSync: (listener) => on(IpcEvent.Sync, listener),
    onSettings: (listener) => on(IpcEvent.Settings, listener),
  };
}
