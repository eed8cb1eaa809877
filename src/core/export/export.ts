// Exports the table's current view (its filters, search and sort) or a selection, of leads or failed
// names, to a file or a stream. Rows come from a database cursor and go straight to the writer.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FailureView, LeadView } from '@shared/contract';
import { FAILURE_COLUMNS, LEAD_COLUMNS, type TableColumn } from '@shared/table';
import { CoreError } from '../errors';
import type { LeadStore, LeadExportQuery, FailureExportQuery } from '../store/leadStore';
import { writeCsv, writeXlsx, type ExportFormat } from './writers';

export interface ExportRequest {
  format: ExportFormat;
}

async function writeRows<T>(
  out: Writable,
  format: ExportFormat,
  sheet: string,
  columns: ReadonlyArray<TableColumn<T>>,
  rows: AsyncIterable<T>,
): Promise<number> {
  const count =
    format === 'csv' ? await writeCsv(out, columns, rows) : await writeXlsx(out, sheet, columns, rows);
  if (format === 'csv') out.end();
  await finished(out);
  return count;
}

export function exportLeadsTo(
  store: LeadStore,
  query: LeadExportQuery,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  return writeRows<LeadView>(out, format, 'Leads', LEAD_COLUMNS, store.exportLeads(query));
}

export function exportFailuresTo(
  store: LeadStore,
  query: FailureExportQuery,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  return writeRows<FailureView>(out, format, 'Failed names', FAILURE_COLUMNS, store.exportFailures(query));
}

/**
 * Writes to `path` through a temporary file beside it, renamed when complete: a failed export leaves
 * nothing half-written, and an existing file is replaced only by a whole one.
 */
export async function exportToFile(path: string, write: (out: Writable) => Promise<number>): Promise<number> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`);
  const out = createWriteStream(temporary, { flags: 'wx' });
  try {
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
  } catch (err) {
    throw saveError(path, err);
  }
  try {
    const rows = await write(out);
    await rename(temporary, path).catch((err: unknown) => {
      throw saveError(path, err);
    });
    return rows;
  } catch (err) {
    out.destroy();
    await rm(temporary, { force: true });
    throw isFileError(err) ? saveError(path, err) : err;
  }
}

const SAVE_PROBLEMS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  EACCES: 'you do not have permission to write there',
  EPERM: 'you do not have permission to write there',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is full',
  EISDIR: 'a folder has that name',
  ENAMETOOLONG: 'the name is too long',
};

function isFileError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in SAVE_PROBLEMS;
}

/** Why a file could not be saved, in words: choose another place. */
function saveError(path: string, err: unknown): CoreError {
  if (err instanceof CoreError) return err;
  const why = SAVE_PROBLEMS[(err as NodeJS.ErrnoException | null)?.code ?? ''] ?? 'it cannot be written';
  return new CoreError('invalid_request', `Cannot save ${path}: ${why}. Choose another place`);
}
