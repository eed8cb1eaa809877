// Pasted spreadsheet cells: rows of tab-separated cells, as Excel, Numbers, LibreOffice and Google Sheets
// put them on the clipboard. A cell holding a tab, a new line or a quote comes quoted ("a""b"); a quote
// that is not closed right before a tab or a line end is an ordinary character.

/** How far a quoted cell may run looking for its closing quote (cells with new lines are short). */
const QUOTED_CELL_LIMIT = 2_000;

const QUOTE = 34;
const TAB = 9;
const LF = 10;
const CR = 13;
function isBreak(code: number): boolean {
  return code === TAB || code === LF || code === CR;
}

/** The index just past the closing quote of a quoted cell starting at `open`, or -1 when it is not one. */
function closingQuote(text: string, open: number): number {
  const end = Math.min(text.length, open + QUOTED_CELL_LIMIT);
  for (let i = open + 1; i < end; i++) {
    if (text.charCodeAt(i) !== QUOTE) continue;
    if (text.charCodeAt(i + 1) === QUOTE) {
      i++;
      continue;
    }
    return i + 1 === text.length || isBreak(text.charCodeAt(i + 1)) ? i + 1 : -1;
  }
  return -1;
}

/** The rows and cells of tab-separated text (a final line break adds no empty row). */
export function parseTabbed(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    const close = text.charCodeAt(i) === QUOTE ? closingQuote(text, i) : -1;
    if (close > 0) {
      row.push(text.slice(i + 1, close - 1).replace(/""/g, '"'));
      i = close;
    } else {
      let end = i;
      while (end < text.length && !isBreak(text.charCodeAt(end))) end++;
      row.push(text.slice(i, end));
      i = end;
    }
    if (i >= text.length) break;
    const code = text.charCodeAt(i);
    if (code === TAB) {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= text.length) return rows;
  }
  rows.push(row);
  return rows;
}

/** True when at least 80 % of the non-empty rows have two cells or more: a table, not a list. */
export function looksLikeTable(rows: ReadonlyArray<readonly string[]>): boolean {
  let filled = 0;
  let tabbed = 0;
  for (const row of rows) {
    if (row.every((cell) => cell.trim() === '')) continue;
    filled++;
    if (row.length >= 2) tabbed++;
  }
  return tabbed >= 1 && tabbed >= 0.8 * filled;
}
