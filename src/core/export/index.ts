export { exportFailuresTo, exportLeadsTo, exportToFile } from './export';
export { CONTENT_TYPES, type ExportFormat } from './writers';
