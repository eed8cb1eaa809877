// The shared name parser: what '@shared/names' offers the core, the CLI and the renderer.
export { parseEntries, parsePaste } from './paste';
export { TableReader, SAMPLE_ROWS } from './tableReader';
export { classifyEntry, invalidReason, type EntryFate } from './entry';
export {
  FAILURE_NAME_LIMIT,
  MAX_NAME_LENGTH,
  codePointLength,
  nameKey,
  normalizeName,
  showControlCharacters,
} from './text';
export { displayCase } from './case';
export { foldHeader, headerRole } from './headers';
export type {
  ColumnRef,
  ColumnRole,
  EntryTrace,
  NameColumnChoice,
  NameColumns,
  ParsedName,
  ParsedPaste,
  ParseOptions,
  TableColumn,
  TableShape,
} from './types';
