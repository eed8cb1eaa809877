// Deterministic lists of pasted names for tests and benchmarks.
const FIRST = [
  'Peter',
  'José',
  'Zoë',
  '王伟',
  'Ørsted',
  "O'Brien",
  'Jean-Luc',
  'Anna',
  'Mohammed',
  'Priya',
  'Kenji',
  'Olga',
  'Fatima',
  'Liam',
  'Chloé',
  'Sven',
  'Aisha',
  'Mateo',
  'Yuki',
  'Nadia',
];
const LAST = [
  'Smith',
  'García',
  'Müller',
  'Rossi',
  'Kowalski',
  'Nguyen',
  'Okafor',
  'Silva',
  'Tanaka',
  'Dubois',
  'Hansen',
  'Novak',
  'Khan',
  'Ivanov',
  'Murphy',
];

/** `count` distinct full names (up to 300), the same every time. */
export function distinctNames(count: number, offset = 0): string[] {
  const out: string[] = [];
  for (let i = offset; out.length < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const suffix =
      i >= FIRST.length * LAST.length ? ` ${Math.floor(i / (FIRST.length * LAST.length)) + 1}` : '';
    out.push(`${first} ${last}${suffix}`);
  }
  return out;
}

export const INVALID_ENTRIES = [
  '12345',
  '!!!',
  '---',
  '42',
  '...',
  '@@@',
  '9 9 9',
  '#1',
  'x'.repeat(101),
  'bad\u0007name',
];
export const UNKNOWN_NAMES = ['Qwzzzx', 'Zzzbrbl', 'Xyzzzq'];

/**
 * The acceptance paste: 200 entries = 157 distinct valid names + 3 the API knows nothing of
 * + 10 invalid entries + 30 duplicates (other case and spacing), mixed separators. No tabs (a paste with a
 * tab on every line is a table), and a comma only before an entry of several words: "Nadia Rossi, Zzzbrbl"
 * reads as one name written Last, First.
 */
export function acceptancePaste(): { text: string; valid: string[]; unknown: string[]; invalid: string[] } {
  const valid = distinctNames(157);
  const duplicates = valid.slice(0, 30).map((n, i) => (i % 2 ? n.toUpperCase() : `  ${n.toLowerCase()}  `));
  const entries = [...valid, ...UNKNOWN_NAMES, ...INVALID_ENTRIES, ...duplicates];
  const separators = ['\n', ', ', ';', '\r\n'];
  const separator = (i: number, next: string | undefined): string => {
    const chosen = separators[i % separators.length]!;
    return chosen === ', ' && !next?.trim().includes(' ') ? '\n' : chosen;
  };
  // A fixed shuffle so order does not hide bugs and runs stay comparable.
  const shuffled = entries.map((e, i) => ({ e, k: (i * 7919) % entries.length })).sort((a, b) => a.k - b.k);
  const text = shuffled.map(({ e }, i) => e + separator(i, shuffled[i + 1]?.e)).join('');
  return { text, valid, unknown: UNKNOWN_NAMES, invalid: INVALID_ENTRIES };
}
