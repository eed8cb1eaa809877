// File import with real files written by the test: encodings, delimiters, XLSX written by exceljs, broken
// files, and 100,000 rows with progress and cancel.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes, importFile, ImportError, type ImportProgress } from '../../src/core/import';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lead-enricher-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function xlsx(name: string, rows: unknown[][], sheets: string[] = ['People']): Promise<string> {
  const path = join(dir, name);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  for (const [i, sheetName] of sheets.entries()) {
    const sheet = workbook.addWorksheet(sheetName);
    if (i === sheets.length - 1) for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
  return path;
}

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

const names = (result: { names: Array<{ name: string }> }): string[] => result.names.map((n) => n.name);

describe('importFile: CSV and TSV', () => {
  it('reads a UTF-8 CSV with a BOM and a header, choosing the name column from it', async () => {
    const path = await file(
      'bom.csv',
      '\uFEFFEmail,Full name,Company\nmaria@acme.com,María García,Acme\nj@globex.com,"Smith, John",Globex\n',
    );
    const result = await importFile(path);
    expect(result).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(result.table).toMatchObject({
      hasHeader: true,
      nameColumns: { kind: 'single', index: 1 },
      chosenBy: 'header',
      rows: 2,
    });
    expect(result.table.columns.map((c) => c.header)).toEqual(['Email', 'Full name', 'Company']);
    expect(names(result)).toEqual(['María García', 'John Smith']);
  });

  it('reads a semicolon CSV (Excel in Europe) with first and last name columns', async () => {
    const path = await file(
      'semicolon.csv',
      'Nom;Prénom;Société\nDUBOIS;Claire;Acme\nMartin;Luc;"Globex; SA"\n',
    );
    const result = await importFile(path);
    expect(result.delimiter).toBe(';');
    expect(result.table.nameColumns).toEqual({ kind: 'pair', first: 1, last: 0 });
    expect(names(result)).toEqual(['Claire Dubois', 'Luc Martin']);
  });

  it('reads a Windows-1252 (Latin-1) CSV, also when the first non-ASCII byte is past the sniffed start', async () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const early = await importFile(await file('latin1.csv', latin1('Name\nJosé Müller\nZoë Ørsted\n')));
    expect(early.encoding).toBe('windows-1252');
    expect(names(early)).toEqual(['José Müller', 'Zoë Ørsted']);

    const padding = Array.from({ length: 8000 }, (_, i) => `Person ${i}`).join('\n');
    const late = await importFile(
      await file('latin1-late.csv', latin1(`Name\n${padding}\nFrançois Lefèvre\n`)),
    );
    expect(late.encoding).toBe('windows-1252');
    expect(names(late).at(-1)).toBe('François Lefèvre');
    expect(late.names).toHaveLength(8001);
  });

  it('reads UTF-16 with a BOM, little- and big-endian', async () => {
    const text = 'Name\tCompany\nJosé García\tAcme\n王伟\tGlobex\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes, encoding] of [
      ['le.tsv', le, 'utf-16le'],
      ['be.txt', be, 'utf-16be'],
    ] as const) {
      const result = await importFile(await file(name, bytes));
      expect(result).toMatchObject({ encoding, delimiter: '\t', format: 'tsv' });
      expect(names(result)).toEqual(['José García', '王伟']);
    }
  });

  it('reads a TSV and a pipe-separated file, and lets the person choose the column', async () => {
    const tsv = await file('list.tsv', 'Contact\tAssistant\nMaria Garcia\tAnna Lee\n');
    expect(names(await importFile(tsv))).toEqual(['Maria Garcia']);
    expect(names(await importFile(tsv, { column: 'assistant' }))).toEqual(['Anna Lee']);
    expect(names(await importFile(tsv, { column: 1 }))).toEqual(['Anna Lee']);
    const pipes = await file('pipes.csv', 'id|name|city\n1|Ana Souza|Porto\n2|Li Wei|Shanghai\n');
    const result = await importFile(pipes);
    expect(result.delimiter).toBe('|');
    expect(names(result)).toEqual(['Ana Souza', 'Li Wei']);
  });

  it('refuses entries that are not names as the paste does, and folds duplicates', async () => {
    const path = await file(
      'mixed.csv',
      'Name,Email\nDr. Priya Patel,p@x.com\nPriya Patel,p@x.com\nN/A,n@x.com\njane.doe@acme.com,\n',
    );
    const result = await importFile(path);
    expect(names(result)).toEqual(['Priya Patel']);
    expect(result.duplicatesFolded).toBe(1);
    expect(result.invalid.map((f) => [f.name, f.code, f.suggestion])).toEqual([
      ['N/A', 'placeholder', undefined],
      ['jane.doe@acme.com', 'email', 'Jane Doe'],
    ]);
  });
});

describe('importFile: XLSX', () => {
  it('reads a workbook written by exceljs: header, rich text, formulas, the first sheet with rows', async () => {
    const path = await xlsx(
      'people.xlsx',
      [
        ['First name', 'Last name', 'Company', 'Joined'],
        ['Maria', 'GARCIA', { richText: [{ text: 'Acme ' }, { text: 'Corp' }] }, new Date('2024-03-01')],
        [{ formula: 'PROPER("john")', result: 'John' }, 'Smith', 'Globex', 3],
        [],
        ['Priya', 'Patel', { error: '#N/A' }, null],
      ],
      ['Empty', 'People'],
    );
    const result = await importFile(path);
    expect(result).toMatchObject({ format: 'xlsx', sheet: 'People' });
    expect(result.table).toMatchObject({
      hasHeader: true,
      nameColumns: { kind: 'pair', first: 0, last: 1 },
      rows: 3,
    });
    expect(result.table.columns[2]?.samples).toEqual(['Acme Corp', 'Globex', '#N/A']);
    expect(names(result)).toEqual(['Maria Garcia', 'John Smith', 'Priya Patel']);
  });

  it('takes the column chosen by header', async () => {
    const path = await xlsx('choose.xlsx', [
      ['Full name', 'Referrer'],
      ['Maria Garcia', 'Anna Lee'],
    ]);
    expect(names(await importFile(path, { column: 'REFERRER' }))).toEqual(['Anna Lee']);
    expect((await failure(importFile(path, { column: 'Manager' }))).message).toBe(
      'No column is called "Manager"; the columns are: "Full name", "Referrer"',
    );
  });
});

describe('importBytes: a file the browser read', () => {
  it('reads CSV and XLSX bytes from memory like files, the name giving the type', async () => {
    const csv = Buffer.from('\uFEFFNom;Prénom\nDUBOIS;Claire\n', 'utf8');
    expect(names(await importBytes(csv, 'export.csv'))).toEqual(['Claire Dubois']);
    const path = await xlsx('bytes.xlsx', [['Full name'], ['Maria Garcia'], ['John Smith']]);
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(path));
    expect(names(await importBytes(new Uint8Array(bytes), 'bytes.xlsx'))).toEqual([
      'Maria Garcia',
      'John Smith',
    ]);
    expect((await failure(importBytes(Buffer.from('%PDF-1.4'), 'list.csv'))).kind).toBe('wrong_type');
  });
});

describe('importFile: a broken file gets one clear error and nothing is imported', () => {
  it('names the row where a quote opens and is never closed', async () => {
    const rows = Array.from({ length: 1202 }, (_, i) => `Person ${i},Acme`);
    const path = await file(
      'quote.csv',
      ['Name,Company', ...rows, '"Maria Garcia,Acme', 'John Smith,Globex'].join('\n'),
    );
    const err = await failure(importFile(path));
    expect(err.message).toBe('Row 1,204: an opening quote is never closed');
    expect(err.kind).toBe('malformed');
  });

  it.each([
    [
      'report.xlsx',
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'),
      'This is not an Excel file (.xlsx): it looks like a PDF. Use CSV, TSV or Excel (.xlsx)',
    ],
    [
      'list.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      'This is not a CSV file: it looks like a PNG image. Use CSV, TSV or Excel (.xlsx)',
    ],
    [
      'old.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'This file cannot be imported: it looks like an old Excel (.xls) or Word (.doc) file. Use CSV, TSV or Excel (.xlsx)',
    ],
    [
      'data.csv',
      Buffer.from([1, 2, 0, 0, 0, 5, 6, 0, 0, 0, 0, 7]),
      'This is not a CSV file: it looks like a binary file, not text. Use CSV, TSV or Excel (.xlsx)',
    ],
  ])('says what %s really is', async (name, bytes, message) => {
    expect((await failure(importFile(await file(name, bytes)))).message).toBe(message);
  });

  it('never reads out a text file that is not a list (a .env, a key)', async () => {
    for (const name of ['.env', 'id_rsa', 'notes.log']) {
      const path = await file(name, Buffer.from('Name\nMONGODB_URI=mongodb://admin:hunter2@db\n'));
      const error = await failure(importFile(path));
      expect(error.message).toBe(
        `This file cannot be imported: “${name}” is not a list. Use CSV, TSV or Excel (.xlsx)`,
      );
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('says a damaged workbook cannot be read', async () => {
    const good = await xlsx('good.xlsx', [['Name'], ['Maria Garcia']]);
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(good));
    const path = await file('damaged.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await failure(importFile(path))).message).toBe(
      'This Excel file (.xlsx) is damaged or incomplete: it cannot be read',
    );
  });

  it.each([
    ['empty.csv', '', 'The file is empty'],
    ['blank.csv', '\uFEFF\n\n  \n', 'The file is empty'],
    ['header.csv', 'Name,Email\n', 'The file has a header row but no rows under it'],
  ])('says %s is empty', async (name, content, message) => {
    expect((await failure(importFile(await file(name, content)))).message).toBe(message);
  });

  it('says which file it cannot read', async () => {
    const missing = join(dir, 'missing.csv');
    expect((await failure(importFile(missing))).message).toBe(`Cannot read ${missing}: no such file`);
  });

  it('returns the columns when none looks like names, for the person to choose', async () => {
    const result = await importFile(await file('numbers.csv', 'Id,Amount\n1,20\n2,30\n'));
    expect(result.table.problem).toBe('No column looks like names; choose the name column');
    expect(result.names).toEqual([]);
    expect(result.table.columns.map((c) => c.header)).toEqual(['Id', 'Amount']);
  });
});

describe('importFile: 100,000 rows', () => {
  const ROWS = 100_000;
  const body = (i: number) => `Person ${i},person${i}@acme.com,Acme`;

  it('imports a CSV with progress (rows, bytes of total)', async () => {
    const path = await file(
      'big.csv',
      ['Full name,Email,Company', ...Array.from({ length: ROWS }, (_, i) => body(i))].join('\n'),
    );
    const progress: ImportProgress[] = [];
    const result = await importFile(path, { onProgress: (p) => progress.push(p) });
    expect(result.names).toHaveLength(ROWS);
    expect(result.table.rows).toBe(ROWS);
    expect(progress.length).toBeGreaterThan(10);
    const last = progress.at(-1)!;
    expect(last.rows).toBe(ROWS + 1);
    expect(last.bytes).toBe(last.totalBytes);
    expect(progress.every((p, i) => i === 0 || p.rows >= progress[i - 1]!.rows)).toBe(true);
  });

  it('stops when cancelled, with one error and no result', async () => {
    const path = await file(
      'cancel.csv',
      ['Full name', ...Array.from({ length: ROWS }, (_, i) => `Person ${i}`)].join('\n'),
    );
    const controller = new AbortController();
    const err = await failure(
      importFile(path, {
        signal: controller.signal,
        onProgress: (p) => p.rows >= 10_000 && controller.abort(),
      }),
    );
    expect(err.kind).toBe('cancelled');
    expect(err.message).toBe('The import was cancelled');
  });

  it('imports and cancels an XLSX of 100,000 rows', async () => {
    const path = await xlsx('big.xlsx', [
      ['Full name', 'Email'],
      ...Array.from({ length: ROWS }, (_, i) => [`Person ${i}`, `p${i}@acme.com`]),
    ]);
    const progress: ImportProgress[] = [];
    const result = await importFile(path, { onProgress: (p) => progress.push(p) });
    expect(result.names).toHaveLength(ROWS);
    expect(progress.at(-1)).toMatchObject({ rows: ROWS + 1 });

    const controller = new AbortController();
    const err = await failure(
      importFile(path, {
        signal: controller.signal,
        onProgress: (p) => p.rows >= 10_000 && controller.abort(),
      }),
    );
    expect(err.kind).toBe('cancelled');
  });
});
