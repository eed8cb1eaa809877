// Exports in the desktop app: the page never names a file; main asks where to save with the system's
// save dialog and hands the core that path (the core knows nothing of Electron and just writes there).
import type { ExportFormat } from '@shared/contract';
import { exportFileName } from '@shared/table';
import type { Dispatch } from '../core/dispatch';

export type AskSavePath = (suggestion: {
  defaultName: string;
  format: ExportFormat;
}) => Promise<string | null>;

const EXPORTS: Record<string, 'leads' | 'failures'> = {
  'leads:export': 'leads',
  'failures:export': 'failures',
};

/** The save dialog's file type filter for a format. */
export function exportFilters(format: ExportFormat): Array<{ name: string; extensions: string[] }> {
  return [{ name: format === 'xlsx' ? 'Excel workbook' : 'CSV (comma-separated)', extensions: [format] }];
}

/**
 * The dispatch the window calls: an export asks where to save first (cancelled: nothing written); a path
 * sent by the page is refused, so a page can never choose a file to overwrite.
 */
export function withSaveDialog(dispatch: Dispatch, ask: AskSavePath): Dispatch {
  return async (channel, payload) => {
    if (!(channel in EXPORTS)) return dispatch(channel, payload);
    const request = (payload ?? {}) as Record<string, unknown>;
    if (typeof request !== 'object' || 'path' in request) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'The app asks where to save: the page may not name a file' },
      };
    }
    const format: ExportFormat = request.format === 'xlsx' ? 'xlsx' : 'csv';
    const path = await ask({ defaultName: exportFileName(EXPORTS[channel]!, format), format });
    if (!path) return { ok: true, data: { format, rows: 0, path: null, cancelled: true } };
    return dispatch(channel, { ...request, path });
  };
}
