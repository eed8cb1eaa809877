// The clipboard's tab-separated rows and the cell rules shared with the export files.
import { describe, expect, it } from 'vitest';
import type { FailureView, LeadView } from '@shared/contract';
import { cellText, failuresToTsv, inertText, leadsToTsv } from '@shared/table';

const lead = (overrides: Partial<LeadView> = {}): LeadView => ({
  id: 'a'.repeat(24),
  name: 'María García',
  countryCode: 'ES',
  country: 'Spain',
  probability: 0.873,
  alternatives: [{ countryCode: 'MX', country: 'Mexico', probability: 0.05 }],
  sampleCount: 2100,
  gender: null,
  genderProbability: null,
  age: null,
  guess: null,
  status: 'Verified',
  verdict: null,
  isCrmSynced: false,
  syncState: 'pending',
  crmSyncedAt: null,
  syncError: null,
  createdAt: '2026-12-02T14:05:09.123Z',
  runId: null,
  ...overrides,
});

describe('inertText', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['+1 555 0100', `'+1 555 0100`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['María García', 'María García'],
    ["O'Brien", "O'Brien"],
  ])('%s', (input, output) => expect(inertText(input)).toBe(output));

  it('leaves numbers and dates alone', () => {
    expect(cellText('number', -3)).toBe('-3');
    expect(cellText('date', new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02 03:04:05');
    expect(cellText('text', null)).toBe('');
  });
});

describe('leadsToTsv', () => {
  it('gives a header and one line per lead, in the order given', () => {
    const text = leadsToTsv([lead(), lead({ name: 'Thomas Müller', countryCode: 'DE', country: 'Germany' })]);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, the final line break
    expect(lines[0]!.split('\t').slice(0, 5)).toEqual([
      'Name',
      'Country',
      'Country code',
      'Probability',
      'Status',
    ]);
    expect(lines[1]!.split('\t').slice(0, 5)).toEqual(['María García', 'Spain', 'ES', '87.3%', 'Verified']);
    expect(lines[1]).toContain('MX 5.0%');
    expect(lines[1]).toContain('2026-12-02 14:05:09');
    expect(lines[2]!.startsWith('Thomas Müller\tGermany\tDE')).toBe(true);
  });

  it('quotes a cell with a tab, a line break or a quote, and makes a formula inert', () => {
    const text = leadsToTsv([lead({ name: '=cmd|"/c calc"!A1' }), lead({ name: 'Ann\t"Smith"' })]);
    const [, first, second] = text.split('\r\n');
    expect(first!.split('\t')[0]).toBe(`"'=cmd|""/c calc""!A1"`);
    expect(second!.startsWith('"Ann\t""Smith"""\t')).toBe(true);
  });

  it('copies failures with whether a retry can succeed', () => {
    const failure: FailureView = {
      id: 'x'.repeat(26),
      name: 'jane.doe@acme.com',
      code: 'email',
      reason: 'An email address, not a name',
      length: null,
      suggestion: 'Jane Doe',
      retryable: false,
      runId: 'b'.repeat(24),
      createdAt: '2026-12-02T14:05:09.123Z',
    };
    const [, row] = failuresToTsv([failure]).split('\r\n');
    expect(row!.split('\t').slice(0, 5)).toEqual([
      'jane.doe@acme.com',
      'An email address, not a name',
      'email',
      'Jane Doe',
      'no',
    ]);
  });
});
