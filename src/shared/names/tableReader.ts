// Reads a table one row at a time (a paste, or a file of 100,000 rows streamed by the core) into the same
// result: the first rows are held to find the header and the name column, then every row goes straight
// to the entries, so memory holds the names, not the rows.
import { displayCase } from './case';
import { stripQuotes } from './clean';
import { EntryCollector } from './collect';
import { chooseByContent, chooseByHeader, resolveChoice } from './columns';
import { headerRole, isHeaderRow } from './headers';
import { splitLine } from './lines';
import { placeholder, placeholderWord } from './notName';
import type { NameColumns, ParsedPaste, ParseOptions, TableColumn, TableShape } from './types';

/** Rows read before the header and the name column are decided. */
export const SAMPLE_ROWS = 200;
const SAMPLES_PER_COLUMN = 5;
const NO_NAME_COLUMN = 'No column looks like names; choose the name column';

/** A cell as one line of text: a new line typed in a cell is a space. */
function cellText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return (cell.includes('\n') || cell.includes('\r') ? cell.replace(/[\r\n]+/g, ' ') : cell).trim();
}

function isEmptyRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== undefined && cell.trim() !== '') return false;
  return true;
}

/** One half of a first/last pair, empty when it is a placeholder ("N/A", "-"). */
function half(cell: string | undefined): string {
  const text = cellText(cell);
  if (text === '') return '';
  const lower = text.toLowerCase();
  const isPlaceholder = /^\p{L}+$/u.test(text) ? placeholderWord(lower) : placeholder(stripQuotes(text));
  return isPlaceholder ? '' : displayCase(text);
}

export class TableReader {
  private readonly collector: EntryCollector;
  private held: string[][] | null = [];
  /** The row number of each held row (empty rows are counted, not held). */
  private heldLines: number[] = [];
  private line = 0;
  private header: string[] | null = null;
  private nameColumns: NameColumns | null = null;
  private chosenBy: TableShape['chosenBy'] = null;
  private problem: string | null = null;
  private readonly samples: string[][] = [];
  /** Columns with all their samples: once every column has them, rows are not looked at for samples. */
  private sampled = 0;
  private rows = 0;

  constructor(private readonly options: ParseOptions = {}) {
    this.collector = new EntryCollector({ trace: options.trace });
  }

  /** Adds one row of cells; empty rows are skipped (but counted in the row numbers). */
  push(cells: readonly string[]): void {
    const line = ++this.line;
    if (isEmptyRow(cells)) return;
    if (this.held) {
      this.held.push([...cells]);
      this.heldLines.push(line);
      if (this.held.length >= SAMPLE_ROWS) this.decide();
    } else this.read(cells, line);
  }

  finish(): ParsedPaste & { table: TableShape } {
    if (this.held) this.decide();
    return { ...this.collector.result(), table: this.shape() };
  }

  private decide(): void {
    const held = this.held ?? [];
    this.held = null;
    const first = held[0];
    this.header = first && isHeaderRow(first) ? first.map(cellText) : null;
    const data = this.header ? held.slice(1) : held;
    const lines = this.header ? this.heldLines.slice(1) : this.heldLines;
    this.heldLines = [];
    const width = Math.max(0, ...held.map((row) => row.length));
    const roles = Array.from({ length: width }, (_, i) => {
      const header = this.header?.[i];
      return header ? headerRole(header) : null;
    });
    if (this.options.column !== undefined) {
      const choice = resolveChoice(this.options.column, this.columns(width));
      if (typeof choice === 'string') this.problem = choice;
      else [this.nameColumns, this.chosenBy] = [choice, 'choice'];
    } else {
      const byHeader = chooseByHeader(roles);
      const byContent = byHeader ? null : chooseByContent(data, width);
      this.nameColumns = byHeader ?? byContent;
      this.chosenBy = byHeader ? 'header' : byContent ? 'content' : null;
      if (!this.nameColumns) this.problem = NO_NAME_COLUMN;
    }
    data.forEach((row, i) => this.read(row, lines[i] ?? 0));
  }

  private read(cells: readonly string[], line: number): void {
    this.rows++;
    if (this.sampled < cells.length) this.sample(cells);
    const columns = this.nameColumns;
    if (!columns) return;
    if (columns.kind === 'single') {
      for (const entry of splitLine(cellText(cells[columns.index]))) this.collector.add(entry, line);
      return;
    }
    const name = `${half(cells[columns.first])} ${half(cells[columns.last])}`.trim();
    if (name !== '') this.collector.add(name, line);
  }

  private sample(cells: readonly string[]): void {
    for (let i = 0; i < cells.length; i++) {
      const samples = (this.samples[i] ??= []);
      if (samples.length >= SAMPLES_PER_COLUMN) continue;
      const text = cellText(cells[i]);
      if (text === '') continue;
      samples.push(text);
      if (samples.length === SAMPLES_PER_COLUMN) this.sampled++;
    }
  }

  private columns(width: number): TableColumn[] {
    return Array.from({ length: width }, (_, index) => {
      const header = this.header?.[index] ?? null;
      return {
        index,
        header: this.header ? (header ?? '') : null,
        role: header ? headerRole(header) : null,
        samples: this.samples[index] ?? [],
      };
    });
  }

  private shape(): TableShape {
    const width = Math.max(this.header?.length ?? 0, this.samples.length);
    return {
      hasHeader: this.header !== null,
      columns: this.columns(width),
      nameColumns: this.nameColumns,
      chosenBy: this.chosenBy,
      rows: this.rows,
      problem: this.problem,
    };
  }
}
