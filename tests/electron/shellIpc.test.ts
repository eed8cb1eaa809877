import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerShellIpc } from '../../src/main/shellIpc';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function setup(result: { canceled: boolean; filePaths: string[] }, trusted = true) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const dialog = { showOpenDialog: vi.fn(async () => result) };
  const log = vi.fn();
  const off = registerShellIpc(
    ipcMain as never,
    dialog as never,
    () => null,
    () => trusted,
    log,
  );
  const event = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;
  const call = (channel: string) => handlers.get(channel)!(event, {});
  return { handlers, dialog, log, off, call };
}

describe("the shell's open dialog", () => {
  it('answers the chosen list file with its name, or null when the dialog was closed', async () => {
    const chosen = setup({ canceled: false, filePaths: ['/home/me/Lists/event.csv'] });
    await expect(chosen.call('shell:open-list-file')).resolves.toEqual({
      ok: true,
      data: { path: '/home/me/Lists/event.csv', name: 'event.csv' },
    });
    const [options] = chosen.dialog.showOpenDialog.mock.calls[0] as unknown as [{ filters: unknown[] }];
    expect(options.filters[0]).toEqual({
      name: 'Lists (CSV, TSV, Excel)',
      extensions: ['csv', 'tsv', 'tab', 'txt', 'xlsx'],
    });

    const closed = setup({ canceled: true, filePaths: [] });
    await expect(closed.call('shell:open-list-file')).resolves.toEqual({ ok: true, data: null });
  });

  it('refuses a page that is not the app, without opening a dialog', async () => {
    const { call, dialog, log } = setup({ canceled: false, filePaths: ['/etc/passwd'] }, false);
    await expect(call('shell:open-list-file')).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^Refused shell:open-list-file from https:\/\/evil/),
    );
  });

  it('removes its handlers when asked', () => {
    const { handlers, off } = setup({ canceled: true, filePaths: [] });
    off();
    expect(handlers.size).toBe(0);
  });
});
