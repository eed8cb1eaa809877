// The driver's errors during work, as a person reads them: the database stopped answering, and what
// happens to the work; never the driver's words ("interrupted due to server monitor timeout").
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { CoreError, databaseError } from '../../src/core/errors';
import { STOPPED_ANSWERING } from '../../src/core/store/mongoErrors';

/** An error as the driver builds it: the name is a getter of its class, as in mongodb/lib/cmap/errors.js. */
function driverError(name: string, message: string, cause?: Error): Error {
  const err = new (class extends Error {
    override get name() {
      return name;
    }
  })(message, cause ? { cause } : undefined);
  return err;
}

describe('database errors during work', () => {
  it.each([
    [
      'a paused server (the pool cleared by the monitor)',
      driverError(
        'PoolClearedOnNetworkError',
        'Connection to 127.0.0.1:27017 interrupted due to server monitor timeout',
      ),
    ],
    [
      'a pool cleared after another failure',
      driverError(
        'MongoPoolClearedError',
        'Connection pool for 127.0.0.1:27017 was cleared because another operation failed with: "connection timed out"',
      ),
    ],
    [
      'a network timeout',
      new mongoose.mongo.MongoNetworkTimeoutError('connection 4 to 127.0.0.1:27017 timed out'),
    ],
    [
      'a server selection timeout',
      new mongoose.mongo.MongoServerSelectionError('Server selection timed out after 5000 ms', {
        type: 'Unknown',
        servers: new Map(),
      } as never),
    ],
    [
      'a network error as the cause of another',
      new Error('write failed', { cause: new mongoose.mongo.MongoNetworkError('read ECONNRESET') }),
    ],
    [
      'a wait for a connection that timed out',
      driverError(
        'MongoWaitQueueTimeoutError',
        'Timed out while checking out a connection from connection pool',
      ),
    ],
  ])('%s: the database stopped answering, and runs wait', (_what, err) => {
    const mapped = databaseError(err);
    expect(mapped).toBeInstanceOf(CoreError);
    expect(mapped).toMatchObject({ code: 'db_unavailable', message: STOPPED_ANSWERING });
    expect(STOPPED_ANSWERING).toBe(
      'The database stopped answering; runs under way wait and continue when it is back',
    );
  });

  it('keeps other database errors as errors, without a password', () => {
    const mapped = databaseError(new Error('bad value for mongodb://sales:hunter22@h/db'));
    expect(mapped).toMatchObject({
      code: 'internal',
      message: 'Database error: bad value for mongodb://sales:****@h/db',
    });
  });
});
