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
    if (err instanceof Error && err.name === 'MongoParseError') {
      return fail(err, 'not_configured', 'The connection string is not valid');
    }
    return fail(err, 'db_unavailable', 'The database could not be reached');
  }
  const models = bindModels(connection);
  try {
    await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  } catch (err) {
    return fail(err, 'db_unavailable', 'The database is reachable but its collections could not be prepared');
  }
  return { connection, models, close: () => connection.close() };
}
