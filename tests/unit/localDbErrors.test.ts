import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors, MongoInstance } from 'mongodb-memory-server-core';
import { MongoInstanceEvents } from 'mongodb-memory-server-core/lib/util/MongoInstance.js';
import { CoreError } from '../../src/core/errors';
import { LocalDbError, isPortInUse, localDbError, planLocalDatabase } from '../../src/core/localdb';

const userDataDir = '/home/ana/.config/Lead Enricher';
const dbPath = join(userDataDir, 'mongodb', 'data');
const downloadPlan = planLocalDatabase({ userDataDir, env: {}, findOnPath: () => undefined });
const envPlan = planLocalDatabase({
  userDataDir,
  env: { LEAD_ENRICHER_MONGOD: '/opt/mongo/bin/mongod' },
  exists: () => true,
});

/** The error mongodb-memory-server-core itself makes of a line mongod prints (stdout or stderr). */
function libraryErrorFor(line: string, stream: 'stdout' | 'stderr' = 'stdout'): Error {
  const instance = new MongoInstance({ instance: { port: 27999, dbPath } });
  const seen: Error[] = [];
  instance.on(MongoInstanceEvents.instanceError, (err: Error) => seen.push(err));
  if (stream === 'stdout') instance.stdoutHandler(line);
  else instance.stderrHandler(line);
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

// What mongod 6+ logs when another mongod holds the data folder (then it exits with code 100).
const DB_PATH_IN_USE =
  '{"t":{"$date":"2025-05-01T10:00:00.000+00:00"},"s":"E","c":"CONTROL","id":20557,"ctx":"initandlisten","msg":"DBException in initAndListen, terminating","attr":{"error":"DBPathInUse: Unable to lock the lock file: ' +
  dbPath +
  '/mongod.lock (Resource temporarily unavailable). Another mongod instance is already running on the ' +
  dbPath +
  ' directory"}}';

describe('local database errors: download', () => {
  it('says an offline download failed, offers retry and a connection string', () => {
    // Exactly what the library threw here, offline: getaddrinfo fails on fastdl.mongodb.org.
    const offline = new errors.DownloadError(
      'https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-debian12-8.2.6.tgz',
      'getaddrinfo ENOTFOUND fastdl.mongodb.org',
      'ENOTFOUND',
    );
    const err = localDbError(offline, 'download', downloadPlan);
    expect(err).toBeInstanceOf(LocalDbError);
    expect(err).toBeInstanceOf(CoreError);
    expect(err.code).toBe('db_unavailable');
    expect(err.kind).toBe('download_failed');
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(
      'The local database could not be started: MongoDB could not be downloaded (no internet connection?). Retry, or use a MongoDB connection string (such as Atlas) in Settings.',
    );
    expect(err.detail).toContain('getaddrinfo ENOTFOUND fastdl.mongodb.org');
    expect(err.cause).toBe(offline);
  });

  it('tells a server error and a damaged download apart from being offline', () => {
    const status = localDbError(
      new errors.DownloadError('https://x/y.tgz', "Status Code isn't 200! (it is 503)", 'Status: 503'),
      'download',
      downloadPlan,
    );
    expect(status.kind).toBe('download_failed');
    expect(status.message).toContain(
      'MongoDB could not be downloaded (the download failed: Status: 503). Retry',
    );
    const damaged = localDbError(new errors.Md5CheckFailedError('aaa', 'bbb'), 'download', downloadPlan);
    expect(damaged.message).toContain('MongoDB could not be downloaded (the download was damaged). Retry');
  });

  it('says when there is no MongoDB build for this computer, and that retrying will not help', () => {
    for (const cause of [
      new errors.DownloadError('https://x/y.tgz', 'Status Code is 403', 'Status: 403'),
      new errors.UnknownPlatformError('aix'),
      new errors.UnknownArchitectureError('mips', 'linux'),
      new errors.KnownVersionIncompatibilityError('debian 9', '8.2.6', '<= 5.0'),
    ]) {
      const err = localDbError(cause, 'download', downloadPlan);
      expect(err.kind).toBe('unsupported');
      expect(err.retryable).toBe(false);
      expect(err.message).toBe(
        'The local database could not be started: MongoDB 8.2.6 is not available for this computer. Install MongoDB (a "mongod" on the PATH is used, or set LEAD_ENRICHER_MONGOD to it), or use a MongoDB connection string (such as Atlas) in Settings.',
      );
    }
  });

  it('says where it could not save the download', () => {
    const eacces = Object.assign(new Error("EACCES: permission denied, mkdir '/ro/mongodb/binaries'"), {
      code: 'EACCES',
    });
    const err = localDbError(eacces, 'download', downloadPlan);
    expect(err.kind).toBe('download_failed');
    expect(err.message).toBe(
      `The local database could not be started: MongoDB could not be saved in "${join(userDataDir, 'mongodb', 'binaries')}" (EACCES: permission denied, mkdir '/ro/mongodb/binaries'). Check that the disk has space and the folder can be written, then retry, or use a MongoDB connection string (such as Atlas) in Settings.`,
    );
  });
});

describe('local database errors: starting mongod', () => {
  it("recognises mongod's lock-file error (another running instance) from the library's own error", () => {
    const cause = libraryErrorFor(DB_PATH_IN_USE);
    expect(cause).toBeInstanceOf(errors.StdoutInstanceError);
    const err = localDbError(cause, 'start', downloadPlan);
    expect(err.kind).toBe('data_locked');
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(
      `The local database could not be started: its data folder "${dbPath}" is in use by another MongoDB server, probably another copy of Lead Enricher that is still running. Close it (or end the leftover "mongod" process), then retry.`,
    );
    expect(err.detail).toMatch(/^DBPathInUse: Unable to lock the lock file: /);
  });

  it('names the program that failed, with the reason mongod gave', () => {
    const missingLib = libraryErrorFor(
      '/opt/mongo/bin/mongod: error while loading shared libraries: libcrypto.so.1.1: cannot open shared object file: No such file or directory',
      'stderr',
    );
    const err = localDbError(missingLib, 'start', envPlan);
    expect(err.kind).toBe('binary_failed');
    expect(err.message).toBe(
      'The local database could not be started: the MongoDB program "/opt/mongo/bin/mongod" (set by LEAD_ENRICHER_MONGOD) failed to start (Instance failed to start because a library is missing or cannot be opened: "libcrypto.so.1.1"). Retry, or use a MongoDB connection string (such as Atlas) in Settings.',
    );
    const crashed = localDbError(new errors.UnexpectedCloseError(null, 'SIGILL'), 'start', downloadPlan);
    expect(crashed.kind).toBe('binary_failed');
    expect(crashed.message).toMatch(
      /^The local database could not be started: MongoDB 8\.2\.6 failed to start \(Instance closed unexpectedly with code "null" and signal "SIGILL" The Process Exited with SIGILL/,
    );
    const timeout = localDbError(
      new errors.GenericMMSError('Instance failed to start within 30000ms'),
      'start',
      downloadPlan,
    );
    expect(timeout.kind).toBe('binary_failed');
    expect(timeout.detail).toBe('Instance failed to start within 30000ms');
  });

  it('recognises data written by another MongoDB version (mongod exit code 62)', () => {
    const err = localDbError(new errors.UnexpectedCloseError(62, null), 'start', envPlan);
    expect(err.kind).toBe('data_incompatible');
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(
      `The local database could not be started: the data in "${dbPath}" was written by a different MongoDB version than the MongoDB program "/opt/mongo/bin/mongod" (set by LEAD_ENRICHER_MONGOD). Start it with the MongoDB version that wrote it (set LEAD_ENRICHER_MONGOD to that mongod), or use a MongoDB connection string (such as Atlas) in Settings.`,
    );
  });

  it('recognises a data folder mongod cannot write', () => {
    const cause = libraryErrorFor(
      '{"s":"E","c":"CONTROL","id":20557,"ctx":"initandlisten","msg":"DBException in initAndListen, terminating","attr":{"error":"IllegalOperation: Attempted to create a lock file on a read-only directory: /ro/data"}}',
    );
    const err = localDbError(cause, 'start', downloadPlan);
    expect(err.kind).toBe('data_folder');
    expect(err.message).toBe(
      `The local database could not be started: its data folder "${dbPath}" cannot be used (IllegalOperation: Attempted to create a lock file on a read-only directory: /ro/data). Check that the disk has space and the folder can be written, then retry.`,
    );
  });

  it('knows a taken port from the library (worth another port), and nothing else', () => {
    const taken = libraryErrorFor(
      '{"s":"E","c":"NETWORK","id":23024,"ctx":"initandlisten","msg":"Error setting up listener","attr":{"error":{"code":9001,"codeName":"SocketException","errmsg":"Address already in use"}}}',
    );
    expect(taken.message).toBe('Port "27999" already in use');
    expect(isPortInUse(taken)).toBe(true);
    expect(isPortInUse(libraryErrorFor(DB_PATH_IN_USE))).toBe(false);
    expect(isPortInUse(new Error('Port "1" already in use'))).toBe(false);
  });
});

describe('local database errors: data folder and pass-through', () => {
  it('says the data folder cannot be created', () => {
    const cause = Object.assign(new Error("EACCES: permission denied, mkdir '/home/ana/.config'"), {
      code: 'EACCES',
    });
    const err = localDbError(cause, 'data_folder', downloadPlan);
    expect(err.kind).toBe('data_folder');
    expect(err.message).toBe(
      `The local database could not be started: its data folder "${dbPath}" cannot be created (EACCES: permission denied, mkdir '/home/ana/.config'). Check that the disk has space and the folder can be written, then retry.`,
    );
  });

  it('keeps an error that is already a LocalDbError', () => {
    const first = localDbError(new errors.UnexpectedCloseError(62, null), 'start', downloadPlan);
    expect(localDbError(first, 'download', downloadPlan)).toBe(first);
  });
});
