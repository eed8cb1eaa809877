// The shell's own operation (the native open dialog for a list file), for the app's page only. The core never sees
// a dialog: it gets the path the person chose, as the command line gives one.
import { basename } from 'node:path';
import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import type { Envelope } from '@shared/contract';
import { LIST_FILE_EXTENSIONS, SHELL_CHANNELS, type LocalFile, type ShellChannel } from '@shared/shell';
import type { SenderCheck } from './ipc';
import type { Log } from './log';

type Dialogs = Pick<Dialog, 'showOpenDialog'>;

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
