// Importing a list of people from a CSV, TSV or XLSX file into the same table result as a smart paste
// (header, columns, name column, entries), so the same review applies. Streamed with bounded memory: rows
// go straight into the shared TableReader, which keeps names, not rows. Either the whole file is read, or
// one ImportError says what is wrong (and nothing is returned).
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TableReader, type NameColumnChoice, type ParsedPaste, type TableShape } from '@shared/names';
import { TextDecoder } from 'node:util';
import { EncodingMismatch, readCsv } from './csv';
import { detectDelimiter, type Delimiter } from './delimiter';
import { detectEncoding, type TextEncoding } from './encoding';
import { ImportError } from './errors';
import { sniff } from './sniff';
import { bytesSource, fileSource, type ImportSource } from './source';
import { readXlsx } from './xlsx';
import { LIST_FILE_EXTENSIONS } from '@shared/shell';

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** The name column(s) to read, instead of the guess: an index from 0, a header (any case), or a pair. */
  column?: NameColumnChoice;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Keep the row of each refused entry and the folded names (a review before a run). */
  trace?: boolean;
}

export type ImportFormat = 'csv' | 'tsv' | 'xlsx';

export interface ImportResult extends ParsedPaste {
  table: TableShape;
  format: ImportFormat;
  /** For CSV and TSV. */
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** For XLSX: the worksheet read. */
  sheet?: string | null;
}

const HEAD_BYTES = 64 * 1024;
const PROGRESS_EVERY_ROWS = 2_000;
/** The names a list file may end in: the shell's file dialogs offer the same (one list, in @shared/shell). */
export const IMPORT_EXTENSIONS: readonly string[] = LIST_FILE_EXTENSIONS.map((extension) => `.${extension}`);

async function readHead(path: string): Promise<{ head: Uint8Array; size: number }> {
  let handle;
  try {
    const { size, isFile } = await stat(path).then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new ImportError('unreadable', `${path} is a folder, not a file`);
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new ImportError('unreadable', `Cannot read ${path}: ${why}`);
  } finally {
    await handle?.close();
  }
}

function expected(extension: string): string {
  return extension === '.xlsx' ? 'an Excel file (.xlsx)' : `a ${extension === '.tsv' ? 'TSV' : 'CSV'} file`;
}

class Progress {
  rows = 0;
  bytes = 0;
  constructor(
    private readonly totalBytes: number,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {}
  row(): void {
    if (++this.rows % PROGRESS_EVERY_ROWS === 0) this.report();
  }
  report(): void {
    this.onProgress?.({ rows: this.rows, bytes: this.bytes, totalBytes: this.totalBytes });
  }
}

function checkResult(result: ReturnType<TableReader['finish']>, options: ImportOptions): void {
  if (result.table.rows === 0 && !result.table.hasHeader) throw new ImportError('empty', 'The file is empty');
  if (result.table.rows === 0)
    throw new ImportError('empty', 'The file has a header row but no rows under it');
  if (options.column !== undefined && result.table.problem) {
    throw new ImportError('no_such_column', result.table.problem);
  }
}

/** The rows of a text file (CSV, TSV), restarting as Windows-1252 if bytes past the start are not UTF-8. */
async function importText(
  source: ImportSource,
  head: Uint8Array,
  size: number,
  extension: string,
  options: ImportOptions,
): Promise<ImportResult> {
  let encoding = detectEncoding(head);
  const sample = new TextDecoder(encoding).decode(head);
  const delimiter = extension === '.tsv' || extension === '.tab' ? '\t' : detectDelimiter(sample);
  for (;;) {
    const reader = new TableReader({ column: options.column, trace: options.trace });
    const progress = new Progress(size, options.onProgress);
    try {
      await readCsv(source, {
        encoding,
        delimiter,
        signal: options.signal,
        onBytes: (n) => (progress.bytes += n),
        onRow: (cells) => {
          reader.push(cells);
          progress.row();
        },
      });
    } catch (err) {
      if (err instanceof EncodingMismatch && encoding === 'utf-8') {
        encoding = 'windows-1252';
        continue;
      }
      throw err;
    }
    progress.report();
    const result = reader.finish();
    checkResult(result, options);
    return { ...result, format: delimiter === '\t' ? 'tsv' : 'csv', encoding, delimiter };
  }
}

async function importXlsx(source: ImportSource, size: number, options: ImportOptions): Promise<ImportResult> {
  const reader = new TableReader({ column: options.column, trace: options.trace });
  const progress = new Progress(size, options.onProgress);
  const sheet = await readXlsx(source, {
    signal: options.signal,
    onBytes: (n) => (progress.bytes += n),
    onRow: (cells) => {
      reader.push(cells);
      progress.row();
    },
  });
  progress.report();
  const result = reader.finish();
  checkResult(result, options);
  return { ...result, format: 'xlsx', sheet };
}

function cancelledError(err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted && !(err instanceof ImportError && err.kind !== 'cancelled')) {
    return new ImportError('cancelled', 'The import was cancelled');
  }
  return err;
}

async function importSource(
  source: ImportSource,
  fileName: string,
  head: Uint8Array,
  size: number,
  options: ImportOptions,
): Promise<ImportResult> {
  const extension = extname(fileName).toLowerCase();
  if (size === 0) throw new ImportError('empty', 'The file is empty');
  const kind = sniff(head);
  if (kind.kind === 'other') {
    const wanted = IMPORT_EXTENSIONS.includes(extension)
      ? `This is not ${expected(extension)}`
      : 'This file cannot be imported';
    throw new ImportError(
      'wrong_type',
      `${wanted}: it looks like ${kind.looksLike}. Use CSV, TSV or Excel (.xlsx)`,
    );
  }
  // A list has a list's name: a text file of another kind (.env, a key, a log) is never read out.
  if (!IMPORT_EXTENSIONS.includes(extension)) {
    throw new ImportError(
      'wrong_type',
      `This file cannot be imported: “${basename(fileName)}” is not a list. Use CSV, TSV or Excel (.xlsx)`,
    );
  }
  try {
    options.signal?.throwIfAborted();
    return kind.kind === 'xlsx'
      ? await importXlsx(source, size, options)
      : await importText(source, head, size, extension, options);
  } catch (err) {
    throw cancelledError(err, options.signal);
  }
}

/**
 * Reads a CSV, TSV or XLSX file. `onProgress` is told rows and bytes read (of the file's size) as it goes;
 * `signal` cancels. Rejects with one ImportError (its message names the row and what is wrong).
 */
export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const { head, size } = await readHead(path);
  return importSource(fileSource(path), path, head, size, options);
}

/** Like importFile, for a file's bytes already in memory (a file the browser read); `fileName` gives its type. */
export async function importBytes(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importSource(bytesSource(bytes), fileName, bytes.subarray(0, HEAD_BYTES), bytes.length, options);
}
