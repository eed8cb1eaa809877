// Channel names of the IPC contract. Kept free of dependencies so the sandboxed preload stays small.
export const IpcChannel = {
  EnrichStart: 'enrich:start',
  EnrichPlan: 'enrich:plan',
  EnrichCancel: 'enrich:cancel',
  LeadsList: 'leads:list',
  LeadsRefresh: 'leads:refresh',
  FailuresList: 'failures:list',
  FailuresRetry: 'failures:retry',
  RunsList: 'runs:list',
  StatusGet: 'status:get',
  SyncStatus: 'sync:status',
  SyncNow: 'sync:now',
  SyncConfigure: 'sync:configure',
  SyncRetryLeads: 'sync:retry-leads',
  SettingsGet: 'settings:get',
  SettingsUpdate: 'settings:update',
  SettingsTestDatabase: 'settings:test-database',
  SettingsTestApiKey: 'settings:test-api-key',
  SettingsTestWebhook: 'settings:test-webhook',
  DatabaseRetryLocal: 'database:retry-local',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

// Events pushed from the core to the renderer.
export const IpcEvent = {
  EnrichProgress: 'event:enrich-progress',
  Runs: 'event:runs',
  Status: 'event:status',
  Sync: 'event:sync',
  Settings: 'event:settings',
} as const;
export type IpcEvent = (typeof IpcEvent)[keyof typeof IpcEvent];

export const ALL_CHANNELS: readonly IpcChannel[] = Object.values(IpcChannel);
export const ALL_EVENTS: readonly IpcEvent[] = Object.values(IpcEvent);
