// Opens a MongoDB connection for the core and builds the indexes the queries rely on.
import mongoose, { type Connection } from 'mongoose';
import { CoreError } from '../errors';
import { redactUri } from '../redact';
import { bindModels, type Models } from './models';

export const DEFAULT_DB_NAME = 'lead_enricher';

export interface Database {
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}

/** The database named in the URI's path, else the default. */
export function databaseName(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : DEFAULT_DB_NAME;
}

export async function openDatabase(uri: string, options: { timeoutMs?: number } = {}): Promise<Database> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const connection = mongoose.createConnection(uri, {
    dbName: databaseName(uri),
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    // Fail fast while the server is away instead of queueing writes in memory.
    bufferCommands: false,
    autoCreate: false,
    autoIndex: false,
  });
  try {
    await connection.asPromise();
    const models = bindModels(connection);
    await Promise.all([
      models.Lead.createIndexes(),
      models.Run.createIndexes(),
      models.Failure.createIndexes(),
    ]);
    return { connection, models, close: () => connection.close() };
  } catch (err) {
    await connection.close().catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    throw new CoreError('db_unavailable', `The database could not be reached: ${redactUri(message)}`);
  }
}
