// The shapes a paste or an imported file is read into: what the core enriches and the renderer reviews.
import type { NameFailure } from '../failures';

export interface ParsedName {
  /** The name as it will be stored: cleaned (no titles, notes, quotes), NFC, readable case. */
  name: string;
  /** Case-insensitive identity of the name; unique among stored leads. */
  key: string;
  /** The entry as pasted, when cleaning changed more than spacing ("GARCIA, MARIA" for "Maria Garcia"). */
  original?: string;
}

/** What a column holds, as its header says. */
export type ColumnRole =
  | 'full' // Full name, Contact, Nom complet, Vollständiger Name...
  | 'name' // Name, Nom, Nombre: a full name, or one half of a pair beside First name / Last name
  | 'first'
  | 'last'
  | 'email'
  | 'phone'
  | 'company'
  | 'title'
  | 'other';

export interface TableColumn {
  index: number;
  /** The header cell, or null when the table has no header row. */
  header: string | null;
  /** What the header says the column holds; null when there is no header or it is not recognised. */
  role: ColumnRole | null;
  /** The first few non-empty values, to show the person. */
  samples: string[];
}

/** Where the names are: one column, or a first-name and a last-name column joined "First Last". */
export type NameColumns = { kind: 'single'; index: number } | { kind: 'pair'; first: number; last: number };

/** A column as the person names it: its index (from 0) or its header text (any case). */
export type ColumnRef = number | string;
/** The person's choice of name column(s), overriding the guess. */
export type NameColumnChoice = ColumnRef | { first: ColumnRef; last: ColumnRef };

export interface TableShape {
  hasHeader: boolean;
  columns: TableColumn[];
  /** The column(s) names are read from, or null when none could be chosen (see `problem`). */
  nameColumns: NameColumns | null;
  /** How the name column was chosen: from the headers, from what the cells look like, or by the person. */
  chosenBy: 'header' | 'content' | 'choice' | null;
  /** Data rows read (the header row not counted, empty rows not counted). */
  rows: number;
  /** Why no name column was chosen, in words for the person; null when one was. */
  problem: string | null;
}

/** Where each refused entry was and which names were folded how often: kept only for a review. */
export interface EntryTrace {
  /** The line (a paste) or row (a table, its header row counted) of each `invalid` entry, in order. */
  invalidLines: number[];
  /** Per folded key: how many later entries were folded into the first one. */
  folds: Map<string, number>;
}

export interface ParsedPaste {
  /** Entries found after splitting and dropping empty ones. */
  pasted: number;
  /** Distinct valid names, in the order first seen. */
  names: ParsedName[];
  /** Distinct invalid entries, each with its reason. */
  invalid: NameFailure[];
  /** Entries dropped because an earlier entry had the same key. */
  duplicatesFolded: number;
  /** Present when the text was read as a table (rows with tabs, or a file). */
  table?: TableShape;
  /** A header line dropped from a one-column paste ("Name"), when there was one. */
  header?: string;
  /** With `trace`: where the refused entries were and what was folded (for the review). */
  trace?: EntryTrace;
}

export interface ParseOptions {
  /** For a table: the name column(s) to read, instead of the guess. */
  column?: NameColumnChoice;
  /** Keep where refused entries were and how often each name was folded (the review before a run). */
  trace?: boolean;
}
