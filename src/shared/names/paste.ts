// Turning pasted text into names. Pure and dependency-free: the renderer uses it for the live count and
// the review, the core for the real run, so both always agree.
import { EntryCollector } from './collect';
import { isData, isHeaderRow, isNameHeader } from './headers';
import { addTextEntries, LINE_BREAK, splitLine } from './lines';
import { looksLikeTable, parseTabbed } from './tabbed';
import { TableReader } from './tableReader';
import type { ParsedPaste, ParseOptions } from './types';

/** The first non-empty line, when it is a lone name-column header ("Name", "Full name", "Nom"). */
function headerLine(text: string): string | undefined {
  const match = /^\s*([^\r\n]*)/u.exec(text);
  const line = match?.[1]?.trim() ?? '';
  const entries = splitLine(line);
  return entries.length === 1 && isNameHeader(entries[0]!) ? line : undefined;
}

/**
 * True for one row without a header and without an address or number in it: it shows no column structure
 * (it may be names copied across a row), so it is split like any text. A row holding an email address is a
 * record: its name column is looked for.
 */
function isLoneRow(rows: ReadonlyArray<readonly string[]>): boolean {
  const filled = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  return filled.length === 1 && !isHeaderRow(filled[0]!) && !filled[0]!.some(isData);
}

/**
 * A paste as entries. Rows with tabs in them (from a spreadsheet: two rows or more, or a header) are read as
 * a table: header, columns, the name column guessed or chosen (`options.column`). Any other text is split by
 * lines, tabs, semicolons and commas (see lines.ts); a first line that is only "Name" is taken as a header.
 */
export function parsePaste(text: string, options: ParseOptions = {}): ParsedPaste {
  if (text.includes('\t')) {
    const rows = parseTabbed(text);
    if (looksLikeTable(rows) && !isLoneRow(rows)) {
      const reader = new TableReader(options);
      for (const row of rows) reader.push(row);
      return reader.finish();
    }
  }
  const collector = new EntryCollector({ trace: options.trace });
  const header = headerLine(text);
  const body = header === undefined ? text : text.replace(/^\s*[^\r\n]*/u, '');
  // The dropped header's own line, and any blank lines before it, still count in the line numbers.
  const dropped = text.length - body.length;
  const firstLine = header === undefined ? 1 : 1 + countBreaks(text.slice(0, dropped));
  addTextEntries(body, collector, firstLine);
  return header === undefined ? collector.result() : { ...collector.result(), header };
}

function countBreaks(text: string): number {
  return text.split(LINE_BREAK).length - 1;
}

/** Like parsePaste, for entries that are already separate (a retry of stored failures). */
export function parseEntries(entries: Iterable<string>): ParsedPaste {
  const collector = new EntryCollector();
  for (const entry of entries) collector.add(entry);
  return collector.result();
}
