// Export of the table's view or a selection, of leads and failed names, to CSV and XLSX, read back with
// csv-parse and exceljs as a spreadsheet would: accents, types, the frozen header and an inert formula.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import type { ExportResult, LeadsPage } from '@shared/contract';
import { startBridge } from '../../src/bridge/server';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { FakeNationalize } from '../support/fakeNationalize';
import { storeLeads } from '../support/tableLeads';

let mongo: TestMongo;
let fake: FakeNationalize;
let app: CoreApp;
let dir: string;

async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  const envelope = await app.dispatch(channel, payload);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data as T;
}

beforeAll(async () => {
  mongo = await startTestMongo();
  dir = await mkdtemp(join(tmpdir(), 'lead-enricher-export-'));
});
afterAll(async () => {
  await mongo.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  fake = new FakeNationalize();
  await fake.start();
  app = await testApp({ MONGODB_URI: mongo.uri('export'), NATIONALIZE_BASE_URL: fake.url });
  await storeLeads(await app.store(), [
    { name: 'María García', country: 'ES', probability: 0.873 },
    { name: 'Thomas Müller', country: 'DE', probability: 0.4 },
    { name: '=HYPERLINK("http://evil.example","click")', country: 'US', probability: 0.7 },
    { name: 'Nguyễn Thị Minh', country: 'VN', probability: 0.91 },
  ]);
});
afterEach(async () => {
  await app.close();
  await fake.stop();
});

const csvRows = (bytes: Buffer): string[][] => parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));

describe('leads:export', () => {
  it('writes the current view to CSV: a BOM, RFC 4180 quoting, plain numbers, a formula made inert', async () => {
    const path = join(dir, 'verified.csv');
    const result = await call<ExportResult>('leads:export', {
      format: 'csv',
      path,
      filter: { status: 'Verified' },
      sortBy: 'name',
      sortDir: 'asc',
    });
    expect(result).toEqual({ format: 'csv', rows: 3, path, cancelled: false });
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('\r\n');
    const [header, ...rows] = csvRows(bytes);
    expect(header!.slice(0, 5)).toEqual(['Name', 'Country', 'Country code', 'Probability', 'Status']);
    expect(rows.map((r) => r[0])).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      'María García',
      'Nguyễn Thị Minh',
    ]);
    expect(rows[1]!.slice(1, 5)).toEqual(['Spain', 'ES', '0.873', 'Verified']);
    expect(rows[1]![header!.indexOf('Added')]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // No temporary file is left beside it.
    expect((await readdir(join(dir, '..'))).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('writes a search or a selection to XLSX: a frozen header, probability a number, dates as dates', async () => {
    const search = join(dir, 'search.xlsx');
    expect(
      await call<ExportResult>('leads:export', {
        format: 'xlsx',
        path: search,
        filter: { search: 'muller' },
      }),
    ).toMatchObject({ rows: 1 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(search);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('Name');
    expect(sheet.getRow(2).getCell(1).value).toBe('Thomas Müller');
    expect(sheet.getRow(2).getCell(4).value).toBe(0.4);
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('0.0%');
    expect(sheet.getRow(2).getCell(14).value).toBeInstanceOf(Date);
    expect(sheet.rowCount).toBe(2);

    const page = await call<LeadsPage>('leads:list', { search: 'hyperlink' });
    const selection = join(dir, 'selection.xlsx');
    await call('leads:export', { format: 'xlsx', path: selection, ids: page.items.map((l) => l.id) });
    const picked = new ExcelJS.Workbook();
    await picked.xlsx.readFile(selection);
    const cell = picked.worksheets[0]!.getRow(2).getCell(1);
    // A text cell, never a formula.
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('says in words where it cannot save, and needs a place to save', async () => {
    const missing = await app.dispatch('leads:export', {
      format: 'csv',
      path: join(dir, 'no', 'such', 'x.csv'),
    });
    expect(missing.ok ? '' : missing.error.message).toMatch(
      /the folder does not exist\. Choose another place$/,
    );
    // A folder where the file would go: said in words, no error code, nothing left behind.
    const folder = await app.dispatch('leads:export', { format: 'csv', path: dir });
    expect(folder.ok ? '' : folder.error.message).toBe(
      `Cannot save ${dir}: a folder has that name. Choose another place`,
    );
    expect((await readdir(join(dir, '..'))).filter((f) => f.endsWith('.part'))).toEqual([]);
    const none = await app.dispatch('leads:export', { format: 'csv' });
    expect(none.ok ? '' : none.error.message).toBe('Choose where to save the export');
  });
});

describe('failures:export', () => {
  it('exports the failed names with their reasons and whether a retry can succeed', async () => {
    fake.configure({ unknownNames: ['Xavier Unknown'] });
    await app.enrichment.enrichText('Xavier Unknown\njane.doe@acme.com\n-1 555 0100');
    const path = join(dir, 'failures.csv');
    expect(await call<ExportResult>('failures:export', { format: 'csv', path })).toMatchObject({ rows: 3 });
    const [header, ...rows] = csvRows(await readFile(path));
    expect(header).toEqual(['Entry', 'Reason', 'Code', 'Suggestion', 'Can retry', 'Run', 'Failed at']);
    const byEntry = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(byEntry['Xavier Unknown']!.slice(2, 5)).toEqual(['no_prediction', '', 'yes']);
    expect(byEntry['jane.doe@acme.com']!.slice(2, 5)).toEqual(['email', 'Jane Doe', 'no']);
    expect(byEntry["'-1 555 0100"]).toBeDefined();

    const xlsx = join(dir, 'failures.xlsx');
    await call('failures:export', { format: 'xlsx', path: xlsx });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets[0]!.name).toBe('Failed names');
    expect(workbook.worksheets[0]!.getRow(2).getCell(7).value).toBeInstanceOf(Date);
  });
});

describe('the browser bridge download', () => {
  it('serves the current view as a CSV or XLSX download, and only with its token', async () => {
    const bridge = await startBridge({ app, rendererDir: dir });
    try {
      const base = `${bridge.origin}/export/leads`;
      const csv = await fetch(`${base}?token=${bridge.token}&format=csv&status=Verified&search=garcia`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        /^attachment; filename="leads-\d{4}-\d\d-\d\d\.csv"$/,
      );
      const rows = csvRows(Buffer.from(await csv.arrayBuffer()));
      expect(rows.slice(1).map((r) => r[0])).toEqual(['María García']);

      const xlsx = await fetch(`${base}?token=${bridge.token}&format=xlsx&sortBy=probability&sortDir=asc`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const probabilities = workbook.worksheets[0]!.getColumn(4).values.slice(2);
      expect(probabilities).toEqual([0.4, 0.7, 0.873, 0.91]);

      const failures = await fetch(`${bridge.origin}/export/failures?token=${bridge.token}&format=csv`);
      expect(failures.status).toBe(200);

      expect((await fetch(`${base}?format=csv`)).status).toBe(403);
      const bad = await fetch(`${base}?token=${bridge.token}&format=pdf`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
        /^Invalid export: format/,
      );
    } finally {
      await bridge.close();
    }
  });
});
