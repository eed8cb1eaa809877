import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, type Transport } from '@shared/api';
import { CHANNELS } from '@shared/contract';
import type { ShellTransport } from '@shared/shell';

type RendererListener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (): Promise<unknown> => ({ ok: true, data: 'result' })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
  webUtils: { getPathForFile: vi.fn((file: { name: string }) => `/home/me/${file.name}`) },
}));
vi.mock('electron', () => electron);

let exposed: unknown[][];
let bridge: Transport;

beforeAll(async () => {
  await import('../../src/preload/index');
  // Kept here: Vitest may clear mock calls between tests.
  exposed = [...electron.contextBridge.exposeInMainWorld.mock.calls];
  bridge = exposed[0]![1] as Transport;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it("exposes exactly one key, api, with a checked invoke and subscribe, a dropped file's path, and nothing else", () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('api');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'pathForFile', 'subscribe']);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
  });

  it("passes the shell's open dialog to main, and tells a dropped file's path", async () => {
    const shell = bridge as unknown as ShellTransport;
    await shell.invoke('shell:open-list-file', {});
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('shell:open-list-file', {});
    expect(shell.pathForFile({ name: 'list.csv' } as File)).toBe('/home/me/list.csv');
  });

  it('passes a contract channel and its payload to ipcRenderer.invoke', async () => {
    await expect(bridge.invoke('leads:list', { page: 3 })).resolves.toEqual({ ok: true, data: 'result' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('leads:list', { page: 3 });
  });

  it('refuses a channel outside the contract without reaching main', async () => {
    const result = await bridge.invoke('shell:exec' as never, {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Unknown operation: shell:exec' },
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(() => bridge.subscribe('ipc:anything' as never, vi.fn())).toThrow('Unknown event: ipc:anything');
  });

  it('the api the renderer builds over it calls every operation by its channel, errors keep their code', async () => {
    const api = createApi(bridge);
    await api.enrich.start({ text: 'Ana\nBo' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('enrich:start', { text: 'Ana\nBo' });
    await api.settings.testApiKey();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('settings:test-api-key', {});
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(2);
    for (const channel of CHANNELS) {
      const [domain, action] = channel.split(':');
      const method = action!.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[domain!]![method]).toBe(
        'function',
      );
    }
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'busy', message: 'A run is active' },
    });
    const error = await api.enrich.start({ text: 'x' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'busy', message: 'A run is active' });
  });

  it('hands listeners the payload only, and unsubscribing removes exactly that listener', () => {
    const listener = vi.fn();
    const unsubscribe = createApi(bridge).on('enrich:progress', listener);

    expect(electron.ipcRenderer.on).toHaveBeenCalledOnce();
    const [event, handler] = electron.ipcRenderer.on.mock.calls[0] as [string, RendererListener];
    expect(event).toBe('enrich:progress');

    const progress = { runId: 'r', done: 1, total: 2, cancelled: 0, waiting: 0 };
    handler({ sender: electron.ipcRenderer }, progress);
    expect(listener).toHaveBeenCalledExactlyOnceWith(progress);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith('enrich:progress', handler);
  });
});
