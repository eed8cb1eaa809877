// Writes rows to a CSV (RFC 4180, UTF-8 with a BOM so Excel reads accents right, formula-looking cells
// inert) or an XLSX (exceljs's streaming writer: the header row frozen, typed cells), as they come from a
// database cursor: memory holds one batch of rows, never the whole export.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, type TableColumn } from '@shared/table';

export type { ExportFormat };

import type { ExportFormat } from '@shared/contract';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const BOM = '\uFEFF';

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeCsv<T>(
  out: Writable,
  columns: ReadonlyArray<TableColumn<T>>,
  rows: AsyncIterable<T>,
): Promise<number> {
  await write(out, BOM + columns.map((c) => csvField(c.header)).join(',') + '\r\n');
  let count = 0;
  let chunk = '';
  for await (const row of rows) {
    chunk += columns.map((c) => csvField(cellText(c.kind, c.value(row)))).join(',') + '\r\n';
    // Written in pieces of a few kilobytes: few writes, bounded memory.
    if (++count % 200 === 0) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (chunk) await write(out, chunk);
  return count;
}

const NUMBER_FORMATS = {
  percent: '0.0%',
  date: 'yyyy-mm-dd hh:mm',
  number: '0',
  text: '@',
} as const;

const XLSX_YIELD_ROWS = 200;

export async function writeXlsx<T>(
  out: Writable,
  sheetName: string,
  columns: ReadonlyArray<TableColumn<T>>,
  rows: AsyncIterable<T>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: { numFmt: NUMBER_FORMATS[c.kind] },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    // Text goes in as text: exceljs never reads a string as a formula.
    sheet.addRow(columns.map((c) => c.value(row))).commit();
    // A committed row is buffered until the zip takes it: let it, and wait while the output is full,
    // so a fast source cannot pile rows up in memory.
    if (++count % XLSX_YIELD_ROWS === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
