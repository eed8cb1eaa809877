// Reading an Excel workbook (.xlsx) as rows of cells, streamed with exceljs's WorkbookReader: the first
// worksheet that has rows, each cell as the text a person sees (rich text joined, a formula's result).
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportError } from './errors';
import type { ImportSource } from './source';

export interface XlsxReadOptions {
  signal?: AbortSignal;
  onBytes: (bytes: number) => void;
  onRow: (cells: string[]) => void;
}

type CellValue = ExcelJS.CellValue | undefined;

/** A cell as text: what the spreadsheet shows, near enough for names. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('result' in value) return cellText(value.result as CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

function cancelled(): ImportError {
  return new ImportError('cancelled', 'The import was cancelled');
}

/** Reads the rows of the first worksheet that has any; returns that sheet's name. */
export async function readXlsx(from: ImportSource, options: XlsxReadOptions): Promise<string | null> {
  const source = from.open();
  const counted = source.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        options.onBytes(chunk.length);
        done(null, chunk);
      },
    }),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const abort = (): void => {
    source.destroy();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    for await (const sheet of reader) {
      let rows = 0;
      for await (const row of sheet) {
        if (options.signal?.aborted) throw cancelled();
        const values = row.values as CellValue[];
        options.onRow(Array.from(values.slice(1), (v) => cellText(v)));
        rows++;
      }
      if (rows > 0) return (sheet as unknown as { name?: string }).name ?? null;
    }
    return null;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if (options.signal?.aborted) throw cancelled();
    throw new ImportError('malformed', 'This Excel file (.xlsx) is damaged or incomplete: it cannot be read');
  } finally {
    options.signal?.removeEventListener('abort', abort);
    source.destroy();
  }
}
