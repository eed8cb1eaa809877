// File import: CSV, TSV and XLSX into the shared table result.
export { importBytes, importFile, IMPORT_EXTENSIONS } from './importFile';
export type { ImportFormat, ImportOptions, ImportProgress, ImportResult } from './importFile';
export { ImportError, type ImportErrorKind } from './errors';
