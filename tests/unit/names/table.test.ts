import { describe, expect, it } from 'vitest';
import { TableReader, headerRole, parsePaste } from '@shared/names';
import { chooseByContent, chooseByHeader } from '../../../src/shared/names/columns';
import { isHeaderRow } from '../../../src/shared/names/headers';
import { looksLikeTable, parseTabbed } from '../../../src/shared/names/tabbed';

const names = (text: string, column?: Parameters<typeof parsePaste>[1]): string[] =>
  parsePaste(text, column).names.map((n) => n.name);

describe('a paste with tabs in its rows is a table', () => {
  it('reads the issue’s spreadsheet: one lead, not five', () => {
    const parsed = parsePaste('Name\tCompany\tEmail\nMaria Garcia\tAcme Corp\tmaria.garcia@acme.com\n');
    expect(parsed.names.map((n) => n.name)).toEqual(['Maria Garcia']);
    expect(parsed.pasted).toBe(1);
    expect(parsed.table).toEqual({
      hasHeader: true,
      columns: [
        { index: 0, header: 'Name', role: 'name', samples: ['Maria Garcia'] },
        { index: 1, header: 'Company', role: 'company', samples: ['Acme Corp'] },
        { index: 2, header: 'Email', role: 'email', samples: ['maria.garcia@acme.com'] },
      ],
      nameColumns: { kind: 'single', index: 0 },
      chosenBy: 'header',
      rows: 1,
      problem: null,
    });
  });

  it('joins First name and Last name columns "First Last", in whichever order they come', () => {
    const text = 'Last name\tFirst name\tEmail\nGARCIA\tMaria\tm@acme.com\nSmith\tJohn\t\nLee\t\t\n\t\t\n';
    const parsed = parsePaste(text);
    expect(parsed.table?.nameColumns).toEqual({ kind: 'pair', first: 1, last: 0 });
    expect(parsed.names.map((n) => n.name)).toEqual(['Maria Garcia', 'John Smith', 'Lee']);
    expect(parsed.table?.rows).toBe(3);
  });

  it.each([
    ['Full name\tCompany', { kind: 'single', index: 0 }],
    ['Company\tContact', { kind: 'single', index: 1 }],
    ['First Name\tLast Name\tEmail', { kind: 'pair', first: 0, last: 1 }],
    ['first_name\tlast_name', { kind: 'pair', first: 0, last: 1 }],
    ['Prénom\tNom\tSociété', { kind: 'pair', first: 0, last: 1 }],
    ['Nom\tPrénom', { kind: 'pair', first: 1, last: 0 }],
    ['Name\tVorname\tFirma', { kind: 'pair', first: 1, last: 0 }],
    ['Nachname\tVorname', { kind: 'pair', first: 1, last: 0 }],
    ['Nombre\tApellidos\tCorreo electrónico', { kind: 'pair', first: 0, last: 1 }],
    ['Nombre completo\tEmpresa', { kind: 'single', index: 0 }],
    ['Vollständiger Name\tE-Mail', { kind: 'single', index: 0 }],
    ['Company name\tContact name\tWork email', { kind: 'single', index: 1 }],
    ['Email\tName\tFirst name\tLast name', { kind: 'pair', first: 2, last: 3 }],
  ])('chooses the name column(s) from the header %j', (header, expected) => {
    const roles = header.split('\t').map(headerRole);
    expect(chooseByHeader(roles)).toEqual(expected);
  });

  it.each([
    ['Email', 'email'],
    ['E-mail address', 'email'],
    ['Work Email', 'email'],
    ['Mobile phone', 'phone'],
    ['Téléphone', 'phone'],
    ['Organisation', 'company'],
    ['Job title', 'title'],
    ['Lead source', null],
    ['Favourite colour', null],
  ])('reads the header %s as %s', (header, role) => {
    expect(headerRole(header)).toBe(role);
  });

  it('without a header, picks the column that looks most like names', () => {
    const text = [
      'Acme Corp\tMaria Garcia\tmaria.garcia@acme.com\tSales Manager',
      'Globex Inc\tJohn Smith\tjohn.smith@globex.com\tCEO',
      'Initech LLC\tPriya Patel\tppatel@initech.com\tHead of Marketing',
    ].join('\n');
    const parsed = parsePaste(text);
    expect(parsed.table).toMatchObject({ hasHeader: false, chosenBy: 'content' });
    expect(parsed.table?.columns.map((c) => c.header)).toEqual([null, null, null, null]);
    expect(parsed.names.map((n) => n.name)).toEqual(['Maria Garcia', 'John Smith', 'Priya Patel']);
  });

  it('without a header, two neighbouring columns of single names are first and last name', () => {
    expect(names('Maria\tGarcia\t42\nJohn\tSmith\t17\n')).toEqual(['Maria Garcia', 'John Smith']);
    expect(chooseByContent([['Linus', 'Torvalds']], 2)).toEqual({ kind: 'pair', first: 0, last: 1 });
  });

  it('says so when no column looks like names, and reads nothing', () => {
    const parsed = parsePaste('Email\tPhone\na@b.co\t555 0100 123\n');
    expect(parsed.table?.problem).toBe('No column looks like names; choose the name column');
    expect(parsed.table?.nameColumns).toBeNull();
    expect(parsed.pasted).toBe(0);
  });

  it('lets the person choose the column by index or header (any case), or a first/last pair', () => {
    const text = 'Name\tAssistant\tGiven\tFamily\nMaria Garcia\tAnna Lee\tJo\tKim\n';
    expect(names(text)).toEqual(['Maria Garcia']);
    expect(names(text, { column: 1 })).toEqual(['Anna Lee']);
    expect(names(text, { column: 'ASSISTANT' })).toEqual(['Anna Lee']);
    expect(names(text, { column: { first: 'given', last: 3 } })).toEqual(['Jo Kim']);
    expect(parsePaste(text, { column: 'assistant' }).table?.chosenBy).toBe('choice');
  });

  it('explains a choice that names no column', () => {
    const text = 'Name\tCompany\nMaria Garcia\tAcme\n';
    expect(parsePaste(text, { column: 'Full name' }).table?.problem).toBe(
      'No column is called "Full name"; the columns are: "Name", "Company"',
    );
    expect(parsePaste(text, { column: 5 }).table?.problem).toBe(
      'There is no column 6: the table has 2 columns',
    );
    expect(parsePaste('Maria Garcia\tAcme\nJohn Smith\tGlobex\n', { column: 'Name' }).table?.problem).toBe(
      'The table has no header row, so no column is called "Name": choose one by number (1 to 2)',
    );
    expect(parsePaste(text, { column: { first: 0, last: 'name' } }).table?.problem).toBe(
      'Choose two different columns for the first and the last name',
    );
  });

  it('cleans every cell as a pasted entry: Last, First, titles, placeholders, duplicates', () => {
    const text =
      'Contact\tCompany\nGARCIA, MARIA\tAcme\nDr. Priya Patel\tGlobex\nN/A\tInitech\nmaria garcia\tAcme\n';
    const parsed = parsePaste(text);
    expect(parsed.names.map((n) => n.name)).toEqual(['Maria Garcia', 'Priya Patel']);
    expect(parsed.invalid.map((f) => [f.name, f.code])).toEqual([['N/A', 'placeholder']]);
    expect(parsed.duplicatesFolded).toBe(1);
    expect(parsed.pasted).toBe(4);
  });

  it('reads quoted cells as spreadsheets copy them: tabs, new lines and quotes inside', () => {
    expect(parseTabbed('"Garcia\tMaria"\t"a ""b"" c"\n"two\nlines"\tx\r\n')).toEqual([
      ['Garcia\tMaria', 'a "b" c'],
      ['two\nlines', 'x'],
    ]);
    expect(parseTabbed('"Bob" Smith\t"unclosed\nnext\t')).toEqual([
      ['"Bob" Smith', '"unclosed'],
      ['next', ''],
    ]);
  });

  it('reads one row without a header as a list: it shows no columns (names copied across a row)', () => {
    expect(names('Alice\tBob\tCarol')).toEqual(['Alice', 'Bob', 'Carol']);
    expect(parsePaste('Linus\tTorvalds\n').table).toBeUndefined();
    expect(names('Full name\tCompany\nMaria Garcia\tAcme')).toEqual(['Maria Garcia']);
    // A row with an email address in it is a record, even alone.
    expect(names('Maria Garcia\tAcme Corp\tmaria.garcia@acme.com')).toEqual(['Maria Garcia']);
  });

  it('is a table only when most rows have tabs', () => {
    expect(looksLikeTable(parseTabbed('Ada\tLovelace'))).toBe(true);
    expect(looksLikeTable(parseTabbed('Ada Lovelace\nAlan Turing;Linus\tTorvalds\nGrace'))).toBe(false);
    // Not a table: today's splitting, tabs separating entries.
    expect(names('Ada Lovelace\nAlan Turing,Grace Hopper;Linus\tTorvalds\nGrace')).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Grace Hopper',
      'Linus',
      'Torvalds',
      'Grace',
    ]);
  });

  it('a header row holds header words and no address or number', () => {
    expect(isHeaderRow(['Name', 'Email'])).toBe(true);
    expect(isHeaderRow(['Contact', 'maria@acme.com'])).toBe(false);
    expect(isHeaderRow(['Maria Garcia', 'Acme'])).toBe(false);
  });

  it('reads a table streamed row by row with bounded memory, deciding after the first rows', () => {
    const reader = new TableReader();
    reader.push(['Email', 'Full name']);
    for (let i = 0; i < 1000; i++) reader.push([`p${i}@acme.com`, `Person ${i}`]);
    const { names: read, table } = reader.finish();
    expect(read).toHaveLength(1000);
    expect(table).toMatchObject({
      rows: 1000,
      nameColumns: { kind: 'single', index: 1 },
      chosenBy: 'header',
    });
    expect(table.columns[1]?.samples).toEqual(['Person 0', 'Person 1', 'Person 2', 'Person 3', 'Person 4']);
  });
});

describe('a one-column paste', () => {
  it('drops a first line that is only a name header', () => {
    const parsed = parsePaste('Name\nMaria Garcia\nJohn Smith');
    expect(parsed.header).toBe('Name');
    expect(parsed.names.map((n) => n.name)).toEqual(['Maria Garcia', 'John Smith']);
    expect(parsed.pasted).toBe(2);
    expect(parsePaste('Name: John Smith').names.map((n) => n.name)).toEqual(['John Smith']);
    expect(parsePaste('Maria Garcia\nName').names).toHaveLength(2);
  });
});
