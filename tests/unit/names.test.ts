import { describe, expect, it } from 'vitest';
import { nameKey, parsePaste, showControlCharacters } from '@shared/names';

describe('parsePaste', () => {
  it('splits on new lines, commas, semicolons and tabs, trims and collapses inner whitespace', () => {
    const parsed = parsePaste('  Ada   Lovelace \r\nAlan Turing,Grace Hopper;Linus\tTorvalds\n\n,, ;');
    expect(parsed.names.map((n) => n.name)).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Grace Hopper',
      'Linus',
      'Torvalds',
    ]);
    expect(parsed.pasted).toBe(5);
    expect(parsed.invalid).toEqual([]);
  });

  it('accepts names in any script, with apostrophes and hyphens', () => {
    const names = ['José', 'Zoë', '王伟', 'Ørsted', "O'Brien", 'Jean-Luc', 'Мария', 'محمد'];
    const parsed = parsePaste(names.join('\n'));
    expect(parsed.names.map((n) => n.name)).toEqual(names);
    expect(parsed.invalid).toEqual([]);
  });

  it('normalises to NFC so composed and decomposed forms are one name', () => {
    const decomposed = 'Jose\u0301';
    const parsed = parsePaste(`José\n${decomposed}`);
    expect(parsed.names).toHaveLength(1);
    expect(parsed.names[0]!.name).toBe('José'.normalize('NFC'));
    expect(parsed.duplicatesFolded).toBe(1);
  });

  it('folds duplicates case-insensitively after normalising, keeping the first spelling', () => {
    const parsed = parsePaste('Peter Smith\npeter   smith\nPETER SMITH\nAnna');
    expect(parsed.names.map((n) => n.name)).toEqual(['Peter Smith', 'Anna']);
    expect(parsed.duplicatesFolded).toBe(2);
    expect(parsed.pasted).toBe(4);
  });

  it('turns entries that are not names into failures with a reason, never silent drops', () => {
    const long = 'a'.repeat(101);
    const parsed = parsePaste(`12345\n!!!\n${long}\nbad\u0007name\nFine`);
    expect(parsed.names.map((n) => n.name)).toEqual(['Fine']);
    expect(parsed.invalid).toEqual([
      { name: '12345', code: 'invalid_name', reason: 'Invalid name: contains no letter' },
      { name: '!!!', code: 'invalid_name', reason: 'Invalid name: contains no letter' },
      {
        name: long,
        code: 'invalid_name',
        reason: 'Invalid name: 101 characters long, the limit is 100',
        length: 101,
      },
      { name: 'bad\u0007name', code: 'invalid_name', reason: 'Invalid name: contains control characters' },
    ]);
  });

  it('rejects control characters that normalising would have turned into spaces', () => {
    const parsed = parsePaste('Ana\u000bMaria\nJo\u000cao');
    expect(parsed.names).toEqual([]);
    expect(parsed.invalid.map((f) => [f.name, f.reason])).toEqual([
      ['Ana\u000bMaria', 'Invalid name: contains control characters'],
      ['Jo\u000cao', 'Invalid name: contains control characters'],
    ]);
  });

  it('counts length in characters, not UTF-16 units: 100 CJK or emoji-bearing characters are fine', () => {
    const parsed = parsePaste('王'.repeat(100));
    expect(parsed.invalid).toEqual([]);
  });

  it('gives every entry exactly one fate', () => {
    const parsed = parsePaste('a, A, 1, 1, b');
    expect(parsed.names.length + parsed.invalid.length + parsed.duplicatesFolded).toBe(parsed.pasted);
  });

  it('keys are case-insensitive and whitespace-insensitive', () => {
    expect(nameKey('  Peter   SMITH ')).toBe('peter smith');
  });

  it('shows control characters of an invalid entry as visible escapes', () => {
    expect(showControlCharacters('bad\u0007na\u0000me')).toBe('bad\\u0007na\\u0000me');
    expect(showControlCharacters('Zoë')).toBe('Zoë');
  });
});
