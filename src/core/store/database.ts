// Opens a MongoDB connection for the core and builds the indexes the queries rely on.
import mongoose, { type Connection } from 'mongoose';
import { CoreError } from '../errors';
import { redactUri } from '../redact';
import { connectionDatabaseName, connectionHostLabel } from './connectionString';
import { describeConnectionError } from './mongoErrors';
import { bindModels, INDEX_VERSION, type Models } from './models';
import { fillLeadSearchFields, upgradeDocuments } from './upgrade';

export interface Database {
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}

export async function openDatabase(
  uri: string,
  /** dbName: used when the connection string names no database (the name in Settings). */
  options: { timeoutMs?: number; dbName?: string } = {},
): Promise<Database> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const connection = mongoose.createConnection(uri, {
    dbName: connectionDatabaseName(uri, options.dbName),
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    // Notice a lost server within seconds, so the status bar and the sync job follow it.
    heartbeatFrequencyMS: 2000,
    // Fail fast while the server is away instead of queueing writes in memory.
    bufferCommands: false,
    autoCreate: false,
    autoIndex: false,
  });
  const fail = async (
    err: unknown,
    code: 'db_unavailable' | 'not_configured',
    what: string,
  ): Promise<never> => {
    await connection.close().catch(() => undefined);
    const message = redactUri(err instanceof Error ? err.message : String(err));
    throw new CoreError(code, `${what}: ${message}`);
  };
  try {
    await connection.asPromise();
  } catch (err) {
    await connection.close().catch(() => undefined);
    const code = err instanceof Error && err.name === 'MongoParseError' ? 'not_configured' : 'db_unavailable';
    throw new CoreError(code, describeConnectionError(err, uri));
  }
  const models = bindModels(connection);
  try {
    await prepareIndexes(models);
  } catch (err) {
    return fail(err, 'db_unavailable', 'The database is reachable but its collections could not be prepared');
  }
  return { connection, models, close: () => connection.close() };
}

/**
 * Builds the indexes once per index version of the app, not at every start: two round trips when they
 * are there (the version, and the fill of leads lacking their search fields).
 */
async function prepareIndexes(models: Models): Promise<void> {
  const meta = await models.Meta.findById('indexes').lean();
  if (!meta || meta.version < INDEX_VERSION) {
    await Promise.all(Object.values(models).map((model) => model.createIndexes()));
    // A database an older version wrote: its documents gain what the new queries need.
    if (meta) await upgradeDocuments(models, meta.version, INDEX_VERSION);
    await models.Meta.updateOne({ _id: 'indexes' }, { $set: { version: INDEX_VERSION } }, { upsert: true });
  }
  // An older app sharing this database may still write leads without their search words and sort keys:
  // at every open, even at the current version. One indexed query (one round trip) when none lacks them.
  await fillLeadSearchFields(models);
}

/** Tries a connection string without keeping it: connect, ping, close. The message says what to do. */
export async function probeDatabase(
  uri: string,
  /** dbName: used when the connection string names no database (the name in Settings). */
  options: { timeoutMs?: number; dbName?: string } = {},
): Promise<{ ok: boolean; message: string }> {
  const timeoutMs = options.timeoutMs ?? 8000;
  const dbName = connectionDatabaseName(uri, options.dbName);
  let connection: Connection | null = null;
  try {
    connection = mongoose.createConnection(uri, {
      dbName,
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      bufferCommands: false,
      autoCreate: false,
      autoIndex: false,
    });
    await connection.asPromise();
    await connection.db!.admin().ping();
    return { ok: true, message: `Connected to ${dbName} on ${connectionHostLabel(uri) ?? 'the server'}` };
  } catch (err) {
    return { ok: false, message: describeConnectionError(err, uri) };
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
