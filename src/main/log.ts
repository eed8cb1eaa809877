// The desktop app's log, also handed to the core as its `log`: a size-limited file in the app's logs folder
// (electron-log), and the console while developing. Every line is redacted before it is written.
// electron-log's Node flavour is used, not its main-process one: that one also registers IPC handlers for
// renderer logging, which this app does not offer; the folder is handed in (app.getPath('logs')).
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { redactSecrets } from '../core/redact';

export type Log = (message: string) => void;

export const LOG_FILE = 'main.log';
/** main.log grows to this, then becomes main.old.log (the one older file kept) and a new main.log starts. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

const logger = electronLog.create({ logId: 'lead-enricher-main' });
// Until configureLog() names the folder: the console only. (The remote transport is off by default; the
// ipc one sends nothing from this flavour.)
logger.transports.file.level = false;

export interface LogOptions {
  /** The folder for main.log (and main.old.log). */
  folder: string;
  /** Also write to the console (development). */
  console: boolean;
}

export function configureLog(options: LogOptions): void {
  const file = logger.transports.file;
  file.resolvePathFn = () => join(options.folder, LOG_FILE);
  file.maxSize = LOG_MAX_BYTES;
  file.level = 'info';
  logger.transports.console.level = options.console ? 'info' : false;
}

export const log: Log = (message) => logger.info(redactSecrets(message));

export function logError(message: string, err?: unknown): void {
  const detail =
    err === undefined ? '' : `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  logger.error(redactSecrets(`${message}${detail}`));
}
