import { mongo } from 'mongoose';
import type { ApiErrorCode } from '@shared/contract';
import { redactUri } from './redact';

/** An error the user can act on; its message is safe to show (no secrets, no stack). */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

const DB_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoExpiredSessionError',
]);

/** True when the error means the database could not be reached, as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // Every network failure of the driver, a pool cleared after the server stopped answering included.
  if (err instanceof mongo.MongoNetworkError || err instanceof mongo.MongoServerSelectionError) return true;
  // A bulk write wraps the driver's error and keeps it as `errorResponse`.
  const inner = (err as { errorResponse?: unknown }).errorResponse;
  if (inner instanceof Error && inner !== err && isDatabaseUnavailable(inner)) return true;
  if (DB_ERROR_NAMES.has(err.name)) return true;
  return /connection .*closed|client must be connected|topology was destroyed|ECONNREFUSED|ECONNRESET/i.test(
    err.message,
  );
}

/** A database failure as the error the user sees: unavailable, or another database error; never the password. */
export function databaseError(err: unknown): Error {
  if (err instanceof CoreError) return err;
  const message = redactUri(err instanceof Error ? err.message : String(err));
  if (isDatabaseUnavailable(err))
    return new CoreError('db_unavailable', `The database was unavailable: ${message}`);
  return new CoreError('internal', `Database error: ${message}`);
}

/** Runs a database call, turning its failure into `databaseError`. */
export async function guardDatabase<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw databaseError(err);
  }
}

/** A write that failed only because some keys were already stored (E11000). */
export function isDuplicateKeyError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, writeErrors } = err as { code?: number; writeErrors?: Array<{ code?: number }> };
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((e) => e.code === 11000);
  return code === 11000;
}
