import { describe, expect, it } from 'vitest';
import { parsePaste } from '@shared/names';
import { cleanName, isLastFirst, stripTitles } from '../../../src/shared/names/clean';

/** The one name a paste of `text` gives. */
function one(text: string): string | undefined {
  const parsed = parsePaste(text);
  expect(parsed.invalid).toEqual([]);
  expect(parsed.names).toHaveLength(1);
  return parsed.names[0]?.name;
}

describe('titles, suffixes, notes and quotes are removed', () => {
  it.each([
    ['Dr. Priya Patel', 'Priya Patel'],
    ['Dr Priya Patel', 'Priya Patel'],
    ['dr. priya patel', 'Priya Patel'],
    ['DR PRIYA PATEL', 'Priya Patel'],
    ['Mr John Smith', 'John Smith'],
    ['Mrs. Jane Smith', 'Jane Smith'],
    ['Ms Jane Smith', 'Jane Smith'],
    ['Miss Jane Smith', 'Jane Smith'],
    ['Mx. Sam Lee', 'Sam Lee'],
    ['Prof. Dr. Hans Müller', 'Hans Müller'],
    ['Sir Elton John', 'Elton John'],
    ['Dame Judi Dench', 'Judi Dench'],
    ['Mme Claire Dubois', 'Claire Dubois'],
    ['Herr Jonas Becker', 'Jonas Becker'],
    ['Sra. Lucía Pérez', 'Lucía Pérez'],
    ['John Smith Jr.', 'John Smith'],
    ['John Smith, Jr.', 'John Smith'],
    ['John Smith Sr', 'John Smith'],
    ['Henry Ford III', 'Henry Ford'],
    ['Jane Doe PhD', 'Jane Doe'],
    ['Jane Doe, Ph.D.', 'Jane Doe'],
    ['Gregory House MD', 'Gregory House'],
    ['Gregory House, M.D.', 'Gregory House'],
    ['Anna Lee, MBA', 'Anna Lee'],
    ['Saul Goodman Esq.', 'Saul Goodman'],
    ['Dr. Priya Patel, MD, PhD', 'Priya Patel'],
    ['Smith, John (Sales)', 'John Smith'],
    ['Maria Garcia (met at Web Summit)', 'Maria Garcia'],
    ['Maria Garcia [VIP]', 'Maria Garcia'],
    ['Maria Garcia {lead}', 'Maria Garcia'],
    ['Maria Garcia (Sales, EMEA)', 'Maria Garcia'],
    ['Maria Garcia (unclosed note', 'Maria Garcia'],
    ['"Maria Garcia"', 'Maria Garcia'],
    ["'Maria Garcia'", 'Maria Garcia'],
    ['“Maria Garcia”', 'Maria Garcia'],
    ['«Maria Garcia»', 'Maria Garcia'],
    ['Robert "Bob" Smith', 'Robert Smith'],
    ['Jane Doe <jane.doe@acme.com>', 'Jane Doe'],
    ['Jane Doe jane.doe@acme.com', 'Jane Doe'],
    ['Jane Doe - jane.doe@acme.com', 'Jane Doe'],
    ['Name: John Smith', 'John Smith'],
  ])('%s → %s', (typed, name) => {
    expect(one(typed)).toBe(name);
  });

  it('"Dr. Priya Patel" and "Dr Priya Patel" are one lead', () => {
    const parsed = parsePaste('Dr. Priya Patel\nDr Priya Patel\nPriya Patel');
    expect(parsed.names).toEqual([{ name: 'Priya Patel', key: 'priya patel', original: 'Dr. Priya Patel' }]);
    expect(parsed.duplicatesFolded).toBe(2);
  });

  it('keeps a title or suffix that is the whole entry, and apostrophes inside a name', () => {
    expect(stripTitles('Dr')).toBe('Dr');
    expect(stripTitles('Jr')).toBe('Jr');
    expect(one('’t Hooft')).toBe('’t Hooft');
    expect(one("O'Brien")).toBe("O'Brien");
  });

  it('is idempotent, so a stored name retried cleans to itself', () => {
    for (const typed of [
      'Dr. Priya Patel, MD',
      'GARCIA, MARIA (Sales)',
      '"Smith, John"',
      'van der Berg, Jan',
    ]) {
      const once = cleanName(typed);
      expect(cleanName(once)).toBe(once);
    }
  });
});

describe('Last, First on one line is one name, turned round', () => {
  it.each([
    ['garcia, maria', 'Maria Garcia'],
    ['Garcia, Maria', 'Maria Garcia'],
    ['Garcia,Maria', 'Maria Garcia'],
    ['Smith, John (Sales)', 'John Smith'],
    ['Smith, John A.', 'John A. Smith'],
    ['Smith, J.', 'J. Smith'],
    ['García López, María', 'María García López'],
    ['van der Berg, Jan', 'Jan van der Berg'],
    ['de la Cruz, Maria', 'Maria de la Cruz'],
    ['Smith, Dr. John', 'John Smith'],
    ['Smith Jr., John', 'John Smith'],
    ['Smith, John, Jr.', 'John Smith'],
    ['Patel, Priya, MD', 'Priya Patel'],
    ['"Garcia, Maria"', 'Maria Garcia'],
    ['GARCIA, MARIA', 'Maria Garcia'],
  ])('%s → %s', (typed, name) => {
    expect(one(typed)).toBe(name);
  });

  it.each([
    ['Alice, Bob, Carol', ['Alice', 'Bob', 'Carol']],
    ['Alan Turing, Grace Hopper', ['Alan Turing', 'Grace Hopper']],
    ['Alan Turing,Grace Hopper', ['Alan Turing', 'Grace Hopper']],
    ['Bob, alice martin', ['Bob', 'Alice Martin']], // the right side is not one given name
    ['Garcia, Maria Elena', ['Garcia', 'Maria Elena']], // likewise: two given names read as a second person
    ['Garcia, Maria; Smith, John', ['Maria Garcia', 'John Smith']],
    ['"Garcia, Maria", "Smith, John"', ['Maria Garcia', 'John Smith']],
  ])('%s → %j', (typed, names) => {
    const parsed = parsePaste(typed);
    expect(parsed.names.map((n) => n.name)).toEqual(names);
  });

  it('reads the ambiguous shapes as documented', () => {
    // One comma between single words cannot be told apart from Last, First: it is read as Last, First.
    expect(parsePaste('Alice, Bob').names.map((n) => n.name)).toEqual(['Bob Alice']);
    // Several words then one given name: Last, First too ("García López, María").
    expect(parsePaste('Bob Smith, Alice').names.map((n) => n.name)).toEqual(['Alice Bob Smith']);
    expect(isLastFirst('12345', 'Maria')).toBe(false);
    expect(isLastFirst('Smith', '')).toBe(false);
    expect(isLastFirst('A. B.', 'Maria')).toBe(false);
  });
});
