// The shell's own operations (native open and save dialogs), for the app's page only. The core never sees
// a dialog: it gets the path the person chose, as the command line gives one.
import { basename, extname } from 'node:path';
import type { BrowserWindow, Dialog, FileFilter, IpcMain } from 'electron';
import type { Envelope } from '@shared/contract';
import {
  LIST_FILE_EXTENSIONS,
  SHELL_CHANNELS,
  exportPathRequest,
  type ExportFormat,
  type LocalFile,
  type ShellChannel,
} from '@shared/shell';
import type { SenderCheck } from './ipc';
import type { Log } from './log';

type Dialogs = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;

const FORMAT_FILTERS: Record<ExportFormat, FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
};

const local = (path: string): LocalFile => ({ path, name: basename(path) });

export function registerShellIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dialog: Dialogs,
  window: () => BrowserWindow | null,
  isTrustedSender: SenderCheck,
  log: Log = () => {},
): () => void {
  const handlers: Record<ShellChannel, (payload: unknown) => Promise<Envelope<LocalFile | null>>> = {
    'shell:open-list-file': async () => {
      const options = {
        title: 'Choose a list of names',
        properties: ['openFile' as const],
        filters: [
          { name: 'Lists (CSV, TSV, Excel)', extensions: [...LIST_FILE_EXTENSIONS] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.canceled ? undefined : result.filePaths[0];
      return { ok: true, data: path ? local(path) : null };
    },
    'shell:choose-export-path': async (payload) => {
      const request = exportPathRequest(payload);
      if (!request) {
        return { ok: false, error: { code: 'invalid_request', message: 'Not a file name to save as' } };
      }
      const options = {
        title: 'Export',
        defaultPath: request.defaultName,
        filters: [FORMAT_FILTERS[request.format]],
      };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { ok: true, data: null };
      // The format the person picked in the app decides the extension, whatever was typed.
      const wanted = `.${request.format}`;
      const path =
        extname(result.filePath).toLowerCase() === wanted ? result.filePath : `${result.filePath}${wanted}`;
      return { ok: true, data: local(path) };
    },
  };
  for (const channel of SHELL_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<LocalFile | null>> => {
      if (!isTrustedSender(event)) {
        log(`Refused ${channel} from ${event.senderFrame?.url ?? 'a gone frame'}`);
        return { ok: false, error: { code: 'forbidden', message: 'Only the app window may call this' } };
      }
      try {
        return await handlers[channel](payload);
      } catch (err) {
        log(`${channel} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { ok: false, error: { code: 'internal', message: 'The file dialog could not open' } };
      }
    });
  }
  return () => {
    for (const channel of SHELL_CHANNELS) ipcMain.removeHandler(channel);
  };
}
