// The command line's tables and summary: columns line up in a terminal whatever the script of the names,
// and the summary uses the words of the app's paste box.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { EnrichSummary, LeadView } from '@shared/contract';
import { formatFailures, formatLeads, summaryLine } from '../../src/cli/format';
import { parseStatus } from '../../src/cli/options';

function lead(name: string, probability = 0.8734): LeadView {
  return {
    id: name,
    name,
    countryCode: 'JP',
    country: 'Japan',
    probability,
    alternatives: [],
    sampleCount: 100,
    gender: null,
    genderProbability: null,
    age: null,
    guess: null,
    verdict: null,
    status: probability >= 0.6 ? 'Verified' : 'To Check',
    isCrmSynced: false,
    syncState: 'pending',
    approved: false,
    crmSyncedAt: null,
    syncError: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    runId: null,
  } as LeadView;
}

/** The terminal column where `text` starts on each line that holds it. */
const columnOf = (lines: string[], text: string): number[] =>
  lines.filter((line) => line.includes(text)).map((line) => stringWidth(line.slice(0, line.indexOf(text))));

describe('command line tables', () => {
  it('lines up the columns after CJK names (a wide character takes two columns)', () => {
    const names = ['Ada Lovelace', '李小龍', '김연아', '山田太郎', 'Zoë Ångström'];
    const lines = formatLeads(names.map((name) => lead(name))).split('\n');
    const columns = columnOf(lines, 'Japan (JP)');
    expect(columns).toHaveLength(names.length);
    expect(new Set(columns).size).toBe(1);
    expect(columnOf(lines, 'Country')).toEqual([columns[0]]);
    expect(lines.at(-1)).toBe('5 leads');
  });

  it('cuts a long wide name to the column, by display width', () => {
    const long = '李'.repeat(60);
    const lines = formatFailures([
      {
        id: 'x',
        name: long,
        code: 'invalid_name',
        reason: 'too long',
        runId: 'r1',
        createdAt: '',
        length: 60,
      },
      { id: 'y', name: 'Ada', code: 'api_error', reason: 'boom', runId: 'r1', createdAt: '', length: 3 },
    ] as never).split('\n');
    const codes = columnOf(lines, 'invalid_name').concat(columnOf(lines, 'api_error'));
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]).toBeLessThanOrEqual(40);
    expect(lines.find((l) => l.includes('invalid_name'))).toContain('…');
  });

  it('writes probabilities with the shared percent formatter', () => {
    expect(formatLeads([lead('Ada', 0.8734)])).toMatch(/87\.3%/);
  });
});

describe('the summary line', () => {
  const summary = {
    runId: 'a'.repeat(24),
    pasted: 92,
    unique: 86,
    duplicatesFolded: 6,
    failed: [
      { name: '12345', code: 'invalid_name', reason: 'Invalid name: contains no letter' },
      { name: '!!', code: 'invalid_name', reason: 'Invalid name: contains no letter' },
      { name: '???', code: 'invalid_name', reason: 'Invalid name: contains no letter' },
      { name: 'Zzzq', code: 'no_prediction', reason: 'No prediction' },
    ],
    durationMs: 4200,
  } as unknown as EnrichSummary;

  it('says names detected, duplicates folded and invalid, as the app does', () => {
    expect(summaryLine(summary)).toBe(
      `Run ${'a'.repeat(24)}: 83 names detected · 6 duplicates folded · 3 invalid (4.2 s)`,
    );
    expect(summaryLine({ ...summary, unique: 1, duplicatesFolded: 1, failed: [] })).toBe(
      `Run ${'a'.repeat(24)}: 1 name detected · 1 duplicate folded (4.2 s)`,
    );
  });
});

describe('--status', () => {
  it('takes the status in any case, with a space, a hyphen or an underscore', () => {
    for (const typed of ['Verified', 'verified', 'VERIFIED']) expect(parseStatus(typed)).toBe('Verified');
    for (const typed of ['To Check', 'to check', 'to-check', 'TO_CHECK', 'tocheck'])
      expect(parseStatus(typed)).toBe('To Check');
    expect(() => parseStatus('done')).toThrow('Give verified or to-check (any case; "To Check" works too).');
  });
});
