// Lists as people have them: rows copied from a spreadsheet (a header, a "Last, First" line, an email
// address where a name should be), a CSV file through the file input, each reviewed before anything is
// paid for, then enriched into the leads table.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SMALLEST_WINDOW,
  leadsTable,
  openApp,
  runSummary,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
} from './fixtures';
import type { Session, World } from './fixtures';

describe.skipIf(unavailable)('lists: a spreadsheet paste and a file, reviewed before a run', () => {
  let world: World;
  let session: Session | undefined;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('reads a spreadsheet paste as a table, reviews it with a refused entry corrected, and enriches it', async () => {
    session = await openApp(world, 'lists-paste');
    const { page } = session;
    const rows = [
      'Name\tCompany\tEmail',
      'Maria Garcia\tAcme Corp\tmaria.garcia@acme.com',
      '"Smith, John"\tGlobex\tjohn@globex.com',
      'jane.doe@initech.com\tInitech\tjane.doe@initech.com',
      'Maria Garcia\tAcme Corp\tmaria.garcia@acme.com',
    ].join('\n');
    await page.getByRole('textbox', { name: 'Names', exact: true }).fill(rows);
    // The columns, the name column guessed from the header.
    const names = page.getByRole('combobox', { name: 'Names from' });
    await expect.poll(() => names.inputValue()).toBe('0');
    expect(await names.locator('option').allTextContents()).toEqual([
      'Name (Maria Garcia)',
      'Company (Acme Corp)',
      'Email (maria.garcia@acme.com)',
    ]);
    await page.getByRole('button', { name: 'Enrich', exact: true }).click();

    const review = page.getByRole('dialog', { name: 'Review the paste' });
    await review.locator('.review-summary').waitFor();
    await expect.poll(() => review.locator('.enrich-cost').innerText()).toMatch(/^2 names to ask/);
    await expect
      .poll(() => review.locator('.review-summary').innerText())
      .toMatch(/1\s+duplicate entries folded/);
    const refused = review.getByRole('row', { name: /jane\.doe@initech\.com/ });
    await expect.poll(() => refused.innerText()).toMatch(/email address/i);
    await screenshot(page, '20-review-paste.png');
    await refused.getByRole('button', { name: /^Use / }).click();
    await expect.poll(() => review.locator('.enrich-cost').innerText()).toMatch(/^3 names to ask/);
    await review.getByRole('button', { name: 'Enrich 3 names' }).click();

    await runSummary(page).waitFor({ timeout: 30_000 });
    const table = leadsTable(page);
    for (const name of ['Maria Garcia', 'John Smith', 'Jane Doe']) {
      await table.getByRole('rowheader', { name, exact: true }).waitFor();
    }
    // The corrected entry went into the run: no failure is left for it.
    await expect
      .poll(() => page.getByRole('tab', { name: /^Failed names/ }).innerText())
      .toBe('Failed names (0)');
    expect(session.pageErrors).toEqual([]);
  });

  it('takes a CSV file from the file input, with the name column chosen in the review', async () => {
    session = await openApp(world, 'lists-file', { viewport: SMALLEST_WINDOW });
    const { page } = session;
    const csv = [
      'Company;Contact;Phone',
      'Acme;Ada Lovelace;+44 20 7946 0000',
      'Globex;Alan Turing;+44 161 496 0000',
    ];
    await page.getByLabel('List file (CSV, TSV or Excel)').setInputFiles({
      name: 'event.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\r\n'), 'utf8'),
    });
    await page.getByText('event.csv').waitFor();
    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    const review = page.getByRole('dialog', { name: 'Review event.csv' });
    const names = review.getByRole('combobox', { name: 'Names from' });
    await expect.poll(() => names.inputValue()).toBe('1');
    await expect.poll(() => review.locator('.enrich-cost').innerText()).toMatch(/^2 names to ask/);
    await screenshot(page, '21-review-file-small.png');
    await review.getByRole('button', { name: 'Enrich 2 names' }).click();
    await runSummary(page).waitFor({ timeout: 30_000 });
    await leadsTable(page).getByRole('rowheader', { name: 'Ada Lovelace' }).waitFor();
    await leadsTable(page).getByRole('rowheader', { name: 'Alan Turing' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('takes an Excel file, first and last name joined, or another column when the person chooses it', async () => {
    session = await openApp(world, 'lists-xlsx');
    const { page } = session;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Contacts');
    sheet.addRows([
      ['Company', 'First name', 'Last name'],
      ['Acme', 'Grace', 'Hopper'],
      ['Globex', 'Katherine', 'Johnson'],
    ]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByLabel('List file (CSV, TSV or Excel)').setInputFiles({
      name: 'contacts.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page.getByText('contacts.xlsx').waitFor();
    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    const review = page.getByRole('dialog', { name: 'Review contacts.xlsx' });
    const names = review.getByRole('combobox', { name: 'Names from' });
    await expect.poll(() => names.inputValue()).toBe('1+2');
    await review.getByText('e.g. Grace Hopper · Katherine Johnson').waitFor();
    // Another column: the core reads the file again with it.
    await names.selectOption({ label: 'Company (Acme)' });
    await review.getByText('e.g. Acme · Globex').waitFor();
    await names.selectOption({ label: 'First name + Last name' });
    await review.getByText('e.g. Grace Hopper · Katherine Johnson').waitFor();
    await review.getByRole('button', { name: 'Enrich 2 names' }).click();
    await runSummary(page).waitFor({ timeout: 30_000 });
    await leadsTable(page).getByRole('rowheader', { name: 'Grace Hopper' }).waitFor();
    await leadsTable(page).getByRole('rowheader', { name: 'Katherine Johnson' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
