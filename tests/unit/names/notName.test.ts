import { describe, expect, it } from 'vitest';
import { ENTRY_FAILURE_CODES, type NameFailure } from '@shared/failures';
import { parsePaste } from '@shared/names';
import { nameFromEmail } from '../../../src/shared/names/notName';

function refused(text: string): NameFailure {
  const parsed = parsePaste(text);
  expect(parsed.names).toEqual([]);
  expect(parsed.invalid).toHaveLength(1);
  return parsed.invalid[0]!;
}

describe('entries that are not names fail with a stable code and a reason a person understands', () => {
  it.each([
    ['jane.doe@acme.com', 'email', 'Not a name: an email address (the name may be "Jane Doe")'],
    ['Email: jane.doe@acme.com', 'email', 'Not a name: an email address (the name may be "Jane Doe")'],
    [
      'mailto:maria_garcia@example.org',
      'email',
      'Not a name: an email address (the name may be "Maria Garcia")',
    ],
    ['info@acme.com', 'email', 'Not a name: an email address'],
    ['jdoe@acme.com', 'email', 'Not a name: an email address'],
    ['Tel: +1 555 0100', 'phone', 'Not a name: a phone number'],
    ['+44 20 7946 0958', 'phone', 'Not a name: a phone number'],
    ['(555) 123-4567', 'phone', 'Not a name: a phone number'],
    ['555-123-4567 ext. 89', 'phone', 'Not a name: a phone number'],
    ['Mobile: 06 12 34 56 78', 'phone', 'Not a name: a phone number'],
    ['https://acme.com/team', 'url', 'Not a name: a web address'],
    ['www.acme.com', 'url', 'Not a name: a web address'],
    ['acme.com', 'url', 'Not a name: a web address'],
    ['linkedin.com/in/jane-doe', 'url', 'Not a name: a web address'],
    ['N/A', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['n/a', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['NULL', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['null', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['TBD', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['none', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['Unknown', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['-', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['?', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['""', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['---', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['(none)', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['inconnu', 'placeholder', 'Not a name: a placeholder for a missing value'],
    ['#N/A', 'placeholder', 'Not a name: a spreadsheet error value'],
    ['#VALUE!', 'placeholder', 'Not a name: a spreadsheet error value'],
    ['This is not a name.', 'sentence', 'Not a name: a note or a sentence (it ends with ".")'],
    ['Call me!', 'sentence', 'Not a name: a note or a sentence (it ends with "!")'],
    ['Who is this?', 'sentence', 'Not a name: a note or a sentence (it ends with "?")'],
    [
      'Anna Maria Luisa Sofia Beatrice Rossi',
      'sentence',
      'Not a name: a note or a sentence (more than five words)',
    ],
    ['follow up next week', 'sentence', 'Not a name: a note or a sentence (it reads like a note)'],
    ['Note: call back', 'sentence', 'Not a name: a note or a sentence (it holds a colon)'],
    [
      'met at booth, follow up next week, ask about pricing',
      'sentence',
      'Not a name: a note or a sentence (more than five words)',
    ],
    ['12345', 'invalid_name', 'Invalid name: contains no letter'],
    ['2024-01-15', 'invalid_name', 'Invalid name: contains no letter'],
    ['(Sales)', 'invalid_name', 'Invalid name: only a note, no name'],
    ['API_KEY=abc', 'invalid_name', 'Invalid name: contains "_", which names do not have'],
    ['=SUM(A1)', 'invalid_name', 'Invalid name: contains "=", which names do not have'],
    ['Smith $5', 'invalid_name', 'Invalid name: contains "$", which names do not have'],
    ['user_123', 'invalid_name', 'Invalid name: contains "_", which names do not have'],
    ['Anna [Sales] *', 'invalid_name', 'Invalid name: contains "*", which names do not have'],
  ])('%s → %s', (text, code, reason) => {
    const failure = refused(text);
    expect(failure.code).toBe(code);
    expect(failure.reason).toBe(reason);
    expect(ENTRY_FAILURE_CODES).toContain(failure.code);
  });

  it('keeps the entry as pasted in the failure, and the guessed name as a suggestion', () => {
    expect(refused('jane.doe@acme.com')).toEqual({
      name: 'jane.doe@acme.com',
      code: 'email',
      reason: 'Not a name: an email address (the name may be "Jane Doe")',
      suggestion: 'Jane Doe',
    });
  });

  it.each([
    ['jane.doe', 'Jane Doe'],
    ['jean-luc.picard', 'Jean Luc Picard'],
    ['maria_garcia+events', 'Maria Garcia'],
    ['jdoe', undefined],
    ['j.doe', undefined],
    ['info', undefined],
    ['sales.team', undefined],
    ['jane.doe.2019', undefined],
  ])('guesses %s → %s', (local, name) => {
    expect(nameFromEmail(local)).toBe(name);
  });

  it.each([
    'Maria E.',
    'John A. Smith',
    'John Smith Jr.',
    'J.R.R. Tolkien',
    'Anna St. James',
    'Maria de la Cruz García López', // particles do not count as words
    'Nadia Rossi',
    'Tom and Jerry', // one note word is not a note
    'Joan of Arc',
    'Ann To',
    'Jose Ortega y Gasset',
    'Nan',
    'Na',
    'Do Van Anh',
  ])('accepts %s as a name', (text) => {
    const parsed = parsePaste(text);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.names).toHaveLength(1);
  });
});
