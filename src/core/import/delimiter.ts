// Which character separates the fields of a CSV: comma, semicolon (Excel in much of Europe), tab or pipe.
// The one that splits the first lines into the same number of fields (more than one) the most consistently.

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_LINES = 50;

/** Fields per line for `delimiter`, ignoring delimiters inside double quotes (a quoted field can span lines). */
function fieldCounts(sample: string, delimiter: Delimiter): number[] {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < sample.length && counts.length < SAMPLE_LINES; i++) {
    const char = sample[i];
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === delimiter) fields++;
    else if (char === '\n') {
      counts.push(fields);
      fields = 1;
    }
  }
  if (counts.length === 0) counts.push(fields); // a file of one line, without a line break
  return counts;
}

/** The delimiter of the text that starts the file; a comma when nothing splits it (one column). */
export function detectDelimiter(sample: string): Delimiter {
  const text = sample.replace(/\r\n?/g, '\n');
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(text, delimiter);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const [fields, lines] = [...frequency].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    if (fields < 2) continue;
    // Consistency first (the share of lines with the usual count), then more fields.
    const score = (lines / counts.length) * 100 + Math.min(fields, 50);
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}
