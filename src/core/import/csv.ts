// Reading a CSV or TSV file as rows of cells, streamed: bytes → text (detected encoding) → csv-parse.
// Every problem becomes one ImportError naming the row.
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { decoderFor, type TextEncoding } from './encoding';
import { ImportError, rowNumber } from './errors';
import type { Delimiter } from './delimiter';
import type { ImportSource } from './source';

/** A row this long is not a row of a list of people: the file is probably not a CSV. */
const MAX_ROW_BYTES = 1_000_000;

/** The bytes were not valid in the encoding chosen from the start of the file. */
export class EncodingMismatch extends Error {}

export interface CsvReadOptions {
  encoding: TextEncoding;
  delimiter: Delimiter;
  signal?: AbortSignal;
  onBytes: (bytes: number) => void;
  onRow: (cells: string[]) => void;
}

function csvProblem(err: CsvError, lastLine: number): ImportError {
  const line =
    err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : ((err as { lines?: number }).lines ?? lastLine + 1);
  const at = `Row ${rowNumber(line)}`;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ImportError('malformed', `${at}: an opening quote is never closed`);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new ImportError(
        'malformed',
        `${at}: a quoted value is followed by text before the next separator`,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new ImportError(
        'malformed',
        `${at}: the row is over 1 MB long; this does not look like a CSV file`,
      );
    default:
      return new ImportError('malformed', `${at}: this row cannot be read as CSV`);
  }
}

/** Reads every row of the file into `onRow`; rejects with an ImportError, or EncodingMismatch for UTF-8 that is not. */
export async function readCsv(source: ImportSource, options: CsvReadOptions): Promise<void> {
  const decoder = decoderFor(options.encoding);
  let lastLine = 0;
  const parser = parse({
    delimiter: options.delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
    on_record: (record: string[], context) => {
      lastLine = context.lines;
      return record;
    },
  });
  try {
    await pipeline(
      source.open(),
      async function* decode(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          options.onBytes(chunk.length);
          try {
            yield decoder.decode(chunk, { stream: true });
          } catch {
            throw new EncodingMismatch();
          }
        }
        let tail: string;
        try {
          tail = decoder.decode();
        } catch {
          throw new EncodingMismatch();
        }
        if (tail) yield tail;
      },
      parser,
      async (records: AsyncIterable<string[]>) => {
        for await (const record of records) options.onRow(record);
      },
      { signal: options.signal },
    );
  } catch (err) {
    if (err instanceof CsvError) throw csvProblem(err, lastLine);
    throw err;
  }
}
