// Turns what mongodb-memory-server-core and mongod report into errors a person can act on.
import { errors as mmsErrors } from 'mongodb-memory-server-core';
import { CoreError } from '../errors';
import { MONGOD_ENV_VAR, type LocalDbPlan } from './plan';

export type LocalDbErrorKind =
  /** The mongod download failed (offline, server error, damaged archive, folder not writable). */
  | 'download_failed'
  /** No MongoDB build exists for this computer's system or processor. */
  | 'unsupported'
  /** mongod was found but would not start (crash, missing library, timeout). */
  | 'binary_failed'
  /** Another mongod holds the data folder's lock file. */
  | 'data_locked'
  /** The data folder cannot be created or written. */
  | 'data_folder'
  /** The data folder was written by a MongoDB version this mongod cannot open. */
  | 'data_incompatible';

/** Where the local database was when it failed. */
export type LocalDbStage = 'data_folder' | 'download' | 'start';

const PREFIX = 'The local database could not be started: ';
const OR_URI = 'use a MongoDB connection string (such as Atlas) in Settings.';

/** A failure to start the local database; its message says what happened and what to do. */
export class LocalDbError extends CoreError {
  constructor(
    readonly kind: LocalDbErrorKind,
    message: string,
    /** Whether trying again (start() again) can help. */
    readonly retryable: boolean,
    /** The underlying technical reason, for logs. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super('db_unavailable', message);
    this.name = 'LocalDbError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'EPIPE',
  'aborted',
  'Max retries exceeded',
]);
const FILESYSTEM_CODES = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'EDQUOT', 'ENOTDIR', 'EEXIST']);

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The useful part of a message, on one line: mongod's own error when the library wraps it. */
export function errorDetail(err: unknown): string {
  const message = messageOf(err);
  const original = /Original Error:\s*([\s\S]*)$/.exec(message)?.[1] ?? message;
  const oneLine = original.replace(/\s+/g, ' ').trim() || (err instanceof Error ? err.name : 'unknown error');
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
}

/** True when mongod could not listen because its port was taken (worth trying another port). */
export function isPortInUse(err: unknown): boolean {
  return err instanceof mmsErrors.StdoutInstanceError && /already in use/i.test(err.message);
}

function describeBinary(plan: LocalDbPlan): string {
  switch (plan.binary.kind) {
    case 'env':
      return `the MongoDB program "${plan.binary.path}" (set by ${MONGOD_ENV_VAR})`;
    case 'path':
      return `the installed MongoDB program "${plan.binary.path}"`;
    case 'download':
      return `MongoDB ${plan.binary.version}`;
  }
}

function downloadError(err: unknown, plan: LocalDbPlan): LocalDbError {
  const detail = errorDetail(err);
  const code = codeOf(err);
  const version = plan.binary.kind === 'download' ? plan.binary.version : 'the pinned version';
  const downloadDir = plan.binary.kind === 'download' ? plan.binary.downloadDir : plan.rootDir;
  const unsupported =
    err instanceof mmsErrors.KnownVersionIncompatibilityError ||
    err instanceof mmsErrors.UnknownPlatformError ||
    err instanceof mmsErrors.UnknownArchitectureError ||
    err instanceof mmsErrors.UnknownLinuxDistro ||
    (err instanceof mmsErrors.DownloadError && code === 'Status: 403');
  if (unsupported) {
    return new LocalDbError(
      'unsupported',
      `${PREFIX}MongoDB ${version} is not available for this computer. Install MongoDB (a "mongod" on the PATH is used, or set ${MONGOD_ENV_VAR} to it), or ${OR_URI}`,
      false,
      detail,
      { cause: err },
    );
  }
  if (code && FILESYSTEM_CODES.has(code)) {
    return new LocalDbError(
      'download_failed',
      `${PREFIX}MongoDB could not be saved in "${downloadDir}" (${detail}). Check that the disk has space and the folder can be written, then retry, or ${OR_URI}`,
      true,
      detail,
      { cause: err },
    );
  }
  let why: string;
  if (err instanceof mmsErrors.Md5CheckFailedError) why = 'the download was damaged';
  else if (err instanceof mmsErrors.DownloadError && (!code || !NETWORK_CODES.has(code)))
    why = `the download failed: ${code ?? detail}`;
  else if (err instanceof mmsErrors.DownloadError || (code && NETWORK_CODES.has(code)))
    why = 'no internet connection?';
  else why = detail;
  return new LocalDbError(
    'download_failed',
    `${PREFIX}MongoDB could not be downloaded (${why}). Retry, or ${OR_URI}`,
    true,
    detail,
    { cause: err },
  );
}

function startError(err: unknown, plan: LocalDbPlan): LocalDbError {
  const detail = errorDetail(err);
  const message = messageOf(err);
  if (/DBPathInUse|Unable to lock the lock file|Another mongod instance is already running/i.test(message)) {
    return new LocalDbError(
      'data_locked',
      `${PREFIX}its data folder "${plan.dbPath}" is in use by another MongoDB server, probably another copy of Lead Enricher that is still running. Close it (or end the leftover "mongod" process), then retry.`,
      true,
      detail,
      { cause: err },
    );
  }
  // Exit code 62: the data files are incompatible with this mongod's version.
  if (/UPGRADE PROBLEM|featureCompatibilityVersion|code "62"/i.test(message)) {
    return new LocalDbError(
      'data_incompatible',
      `${PREFIX}the data in "${plan.dbPath}" was written by a different MongoDB version than ${describeBinary(plan)}. Start it with the MongoDB version that wrote it (set ${MONGOD_ENV_VAR} to that mongod), or ${OR_URI}`,
      false,
      detail,
      { cause: err },
    );
  }
  if (/NonExistentPath|Data directory .* not found|read-only directory|IllegalOperation/i.test(message)) {
    return new LocalDbError(
      'data_folder',
      `${PREFIX}its data folder "${plan.dbPath}" cannot be used (${detail}). Check that the disk has space and the folder can be written, then retry.`,
      true,
      detail,
      { cause: err },
    );
  }
  return new LocalDbError(
    'binary_failed',
    `${PREFIX}${describeBinary(plan)} failed to start (${detail}). Retry, or ${OR_URI}`,
    true,
    detail,
    { cause: err },
  );
}

/** The user-facing error for a failure at `stage` of starting the database described by `plan`. */
export function localDbError(err: unknown, stage: LocalDbStage, plan: LocalDbPlan): LocalDbError {
  if (err instanceof LocalDbError) return err;
  if (stage === 'download') return downloadError(err, plan);
  if (stage === 'data_folder') {
    const detail = errorDetail(err);
    return new LocalDbError(
      'data_folder',
      `${PREFIX}its data folder "${plan.dbPath}" cannot be created (${detail}). Check that the disk has space and the folder can be written, then retry.`,
      true,
      detail,
      { cause: err },
    );
  }
  return startError(err, plan);
}
