import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, codePointLength, nameKey, normalizeName, parsePaste } from '@shared/names';

describe('invisible characters', () => {
  it.each([
    ['zero-width space', 'Jo\u200Bhn'],
    ['zero-width non-joiner', 'Jo\u200Chn'],
    ['zero-width joiner', 'Jo\u200Dhn'],
    ['word joiner', 'Jo\u2060hn'],
    ['byte order mark', '\uFEFFJohn'],
    ['left-to-right mark', '\u200EJohn'],
    ['right-to-left mark', 'John\u200F'],
    ['bidi embedding and override', '\u202AJo\u202Bh\u202Cn\u202D\u202E'],
    ['bidi isolates', '\u2066Jo\u2067h\u2068n\u2069'],
    ['soft hyphen', 'Jo\u00ADhn'],
    ['Hangul filler', 'Jo\u3164hn'],
  ])('a %s is removed before the name is keyed', (_, typed) => {
    expect(normalizeName(typed)).toBe('John');
    expect(nameKey(typed)).toBe('john');
    const parsed = parsePaste(`John\n${typed}`);
    expect(parsed.names.map((n) => n.name)).toEqual(['John']);
    expect(parsed.duplicatesFolded).toBe(1);
  });

  it('an entry of invisible characters only is empty, not an entry', () => {
    expect(parsePaste('\u200B\u200E\n\uFEFF').pasted).toBe(0);
  });

  it('control characters still fail, shown as typed', () => {
    expect(parsePaste('Jo\u0007hn').invalid).toEqual([
      { name: 'Jo\u0007hn', code: 'invalid_name', reason: 'Invalid name: contains control characters' },
    ]);
  });
});

describe('entries over the name limit', () => {
  it('fail with their length, keeping at most the first 200 characters', () => {
    const entry = 'x'.repeat(9 * 1024 * 1024);
    const parsed = parsePaste(`Anna\n${entry}\nBob`);
    expect(parsed.names.map((n) => n.name)).toEqual(['Anna', 'Bob']);
    expect(parsed.invalid).toEqual([
      {
        name: 'x'.repeat(200),
        code: 'invalid_name',
        reason: `Invalid name: 9,437,184 characters long, the limit is ${MAX_NAME_LENGTH}`,
        length: 9_437_184,
      },
    ]);
  });

  it('count characters, not UTF-16 units, and never cut a character in two', () => {
    const emoji = '😀'.repeat(300);
    expect(codePointLength(emoji)).toBe(300);
    const [failure] = parsePaste(`Anna ${emoji}`).invalid;
    expect(failure?.length).toBe(305);
    expect(codePointLength(failure!.name)).toBe(200);
    expect(failure!.name.endsWith('😀')).toBe(true);
    expect(parsePaste('王'.repeat(MAX_NAME_LENGTH)).invalid).toEqual([]);
  });

  it('judge the cleaned name: a long note in brackets does not make a name too long', () => {
    const parsed = parsePaste(`Maria Garcia (${'met at the fair; '.repeat(10)})`);
    expect(parsed.names.map((n) => n.name)).toEqual(['Maria Garcia']);
  });
});
