// The benchmark's paste: `total` entries of which 20 % repeat an earlier one (other case), 3 % are names
// the API knows nothing of, 2 % are not names at all, the rest distinct names. Letters only, so no
// parsing rule mistakes a generated name for a phone number or a note.
export interface BenchPaste {
  text: string;
  valid: number;
  unknown: number;
  junk: number;
  duplicates: number;
}

function letters(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(97 + ((i - 1) % 26)) + out;
  return out[0]!.toUpperCase() + out.slice(1);
}

export function benchPaste(total: number): BenchPaste {
  const duplicates = Math.round(total * 0.2);
  const unknown = Math.round(total * 0.03);
  const junk = Math.round(total * 0.02);
  const valid = total - duplicates - unknown - junk;
  const entries: string[] = [];
  // "son" keeps every generated surname a surname (never Jr, Md, Ii...: suffixes the parser removes).
  for (let i = 0; i < valid; i++) entries.push(`Ada ${letters(i)}son`);
  for (let i = 0; i < unknown; i++) entries.push(`Zzz ${letters(i)}son`); // the stand-in has no prediction
  for (let i = 0; i < junk; i++) entries.push(String(100_000 + i)); // no letter: not a name
  for (let i = 0; i < duplicates; i++) entries.push(entries[(i * 7) % valid]!.toUpperCase());
  return { text: entries.join('\n'), valid, unknown, junk, duplicates };
}
