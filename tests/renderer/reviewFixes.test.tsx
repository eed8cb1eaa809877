import { describe, expect, it } from 'vitest';
import type { RefusedEntry } from '@shared/contract';
import {
  applyFixes,
  correctedNames,
  correctionProblem,
  refusedKey,
  type Fix,
} from '../../src/renderer/src/review';

const refused = (line: number, entry: string, length: number | null = null): RefusedEntry => ({
  line,
  entry,
  code: 'email',
  reason: 'Not a name',
  suggestion: null,
  length,
});

const fixes = (pairs: Array<[RefusedEntry, Fix]>) =>
  new Map(pairs.map(([entry, fix]) => [refusedKey(entry), fix]));

describe("a review's fixes in the paste", () => {
  it('replaces a corrected entry in its own line, cell or comma list, and removes a dropped one', () => {
    const email = refused(2, 'jane.doe@acme.com');
    const na = refused(3, 'N/A');
    const text = 'Name\tEmail\r\njane.doe@acme.com\tjane.doe@acme.com\r\nBob Stone, N/A, Zoe';
    expect(
      applyFixes(
        text,
        [email, na],
        fixes([
          [email, { kind: 'correct', name: ' Jane Doe ' }],
          [na, { kind: 'drop' }],
        ]),
      ),
    ).toBe('Name\tEmail\r\nJane Doe\tjane.doe@acme.com\r\nBob Stone, , Zoe');
  });

  it('leaves the paste as it is for a correction that is not a name, or an entry cut short', () => {
    const email = refused(1, 'jane.doe@acme.com');
    const long = refused(2, 'x'.repeat(20), 5000);
    const text = `jane.doe@acme.com\n${'x'.repeat(20)}`;
    expect(
      applyFixes(
        text,
        [email, long],
        fixes([
          [email, { kind: 'correct', name: 'TBD' }],
          [long, { kind: 'drop' }],
        ]),
      ),
    ).toBe(text);
    expect(correctionProblem('TBD')).toMatch(/placeholder/i);
    expect(correctionProblem('')).toBe('Type a name, or drop the entry');
    expect(correctionProblem('Jane Doe')).toBeNull();
  });

  it('lists the corrections that are names, for a file (which is not rewritten)', () => {
    const a = refused(4, 'a@b.com');
    const b = refused(9, 'N/A');
    const c = refused(12, '555-0100');
    const chosen = fixes([
      [a, { kind: 'correct', name: 'Ann Berg' }],
      [b, { kind: 'correct', name: 'none' }],
      [c, { kind: 'drop' }],
    ]);
    expect(correctedNames([a, b, c], chosen)).toEqual(['Ann Berg']);
  });
});
