// The sync engine composed directly over a test database, for tests and benchmarks that need to count
// database round trips (the driver's command monitoring on a connection of their own: the product keeps
// no counters) or to put a crash where the product has none to offer (an adapter that dies after
// delivering).
import mongoose from 'mongoose';
import { connectionDatabaseName } from '../../src/core/store/connectionString';
import { LeadStore } from '../../src/core/store/leadStore';
import { bindModels, type Models } from '../../src/core/store/models';
import type { CrmAdapter, DeliveryResult } from '../../src/core/sync/crm';
import { SyncEngine, type EngineSettings } from '../../src/core/sync/engine';
import { SyncStore } from '../../src/core/sync/syncStore';

/** Commands that are the driver's own (handshakes, sessions), not the app's round trips. */
const NOT_COUNTED = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'endSessions',
  'ping',
  'buildInfo',
  'createIndexes',
]);

export interface CountingDatabase {
  models: Models;
  leads: LeadStore;
  /** Round trips since the last reset, by command name. */
  commands: Map<string, number>;
  roundTrips(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function countingDatabase(uri: string): Promise<CountingDatabase> {
  const connection = mongoose.createConnection(uri, {
    dbName: connectionDatabaseName(uri),
    monitorCommands: true,
    bufferCommands: false,
    autoCreate: false,
    autoIndex: false,
    serverSelectionTimeoutMS: 5000,
  });
  await connection.asPromise();
  const models = bindModels(connection);
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  const commands = new Map<string, number>();
  connection.getClient().on('commandStarted', (event) => {
    if (!NOT_COUNTED.has(event.commandName))
      commands.set(event.commandName, (commands.get(event.commandName) ?? 0) + 1);
  });
  return {
    models,
    leads: new LeadStore(models),
    commands,
    roundTrips: () => [...commands.values()].reduce((a, b) => a + b, 0),
    reset: () => commands.clear(),
    close: () => connection.close(),
  };
}

export const ENGINE_SETTINGS: EngineSettings = {
  mode: 'automatic',
  batchSize: 100,
  claimMs: 120_000,
  deliveryTimeoutMs: 15_000,
  maxAttempts: 5,
  retryBaseMs: 0,
};

export function syncEngine(options: {
  models: Models;
  adapter: CrmAdapter;
  instanceId?: string;
  settings?: Partial<EngineSettings>;
  log?: (line: string) => void;
}): SyncEngine {
  const store = new SyncStore(options.models);
  const settings = { ...ENGINE_SETTINGS, ...options.settings };
  return new SyncEngine({
    store: async () => store,
    adapter: () => options.adapter,
    settings: () => settings,
    instanceId: options.instanceId ?? `test#${Math.random().toString(16).slice(2, 8)}`,
    log: options.log,
  });
}

/** The adapter, with `after` run once each delivery came back (a crash there, a hang, a count). */
export function afterEachDelivery(
  adapter: CrmAdapter,
  after: (result: DeliveryResult, n: number) => Promise<void> | void,
): CrmAdapter {
  let n = 0;
  return {
    mode: adapter.mode,
    maxBatchSize: adapter.maxBatchSize,
    deliver: async (leads) => {
      const result = await adapter.deliver(leads);
      await after(result, ++n);
      return result;
    },
    ...(adapter.lookup ? { lookup: (ids: readonly string[]) => adapter.lookup!(ids) } : {}),
  };
}

/** The time a lease takes to run out, without waiting for it: every live claim and run lease ends now. */
export async function expireLeases(models: Models): Promise<void> {
  const past = new Date(Date.now() - 1000);
  await models.Lead.updateMany({ claimToken: { $ne: null } }, { $set: { claimExpiresAt: past } });
  await models.SyncRun.updateMany({ finishedAt: null }, { $set: { leaseExpiresAt: past } });
}
