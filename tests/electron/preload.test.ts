import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeadEnricherApi } from '@shared/api';
import { ALL_CHANNELS, IpcEvent } from '@shared/channels';

type RendererListener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (): Promise<unknown> => ({ ok: true, data: 'result' })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

let exposed: unknown[][];
let api: LeadEnricherApi;

beforeAll(async () => {
  await import('../../src/preload/index');
  // Kept here: Vitest may clear mock calls between tests.
  exposed = [...electron.contextBridge.exposeInMainWorld.mock.calls];
  api = exposed[0]![1] as LeadEnricherApi;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes exactly one key, api, and never ipcRenderer', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('api');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it.each([
    ['enrich', () => api.enrich('Ana\nBo'), 'enrich:start', { text: 'Ana\nBo' }],
    ['cancelEnrich', () => api.cancelEnrich(), 'enrich:cancel', {}],
    ['listLeads', () => api.listLeads({ page: 3 }), 'leads:list', { page: 3 }],
    ['refreshLeads', () => api.refreshLeads(['a'.repeat(24)]), 'leads:refresh', { ids: ['a'.repeat(24)] }],
    ['listFailures', () => api.listFailures(), 'failures:list', {}],
    [
      'retryFailures',
      () => api.retryFailures({ runId: 'b'.repeat(24) }),
      'failures:retry',
      { runId: 'b'.repeat(24) },
    ],
    ['listRuns', () => api.listRuns(), 'runs:list', {}],
    ['getStatus', () => api.getStatus(), 'status:get', {}],
  ])('%s invokes %s', async (_name, callApi, channel, payload) => {
    await expect(callApi()).resolves.toBe('result');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, payload);
    expect(ALL_CHANNELS).toContain(channel);
  });

  it('turns an error envelope into a rejection with its message', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'busy', message: 'A run is active' },
    });
    await expect(api.enrich('x')).rejects.toThrow('A run is active');
  });

  it('hands listeners the payload only, and unsubscribing removes exactly that listener', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEnrichProgress(listener);

    expect(electron.ipcRenderer.on).toHaveBeenCalledOnce();
    const [event, handler] = electron.ipcRenderer.on.mock.calls[0] as [string, RendererListener];
    expect(event).toBe(IpcEvent.EnrichProgress);

    const progress = { runId: 'r', done: 1, total: 2 };
    handler({ sender: electron.ipcRenderer }, progress);
    expect(listener).toHaveBeenCalledExactlyOnceWith(progress);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
      IpcEvent.EnrichProgress,
      handler,
    );
  });

  it('subscribes onStatus to the status event', () => {
    const unsubscribe = api.onStatus(vi.fn());
    expect(electron.ipcRenderer.on.mock.calls[0]![0]).toBe('event:status');
    unsubscribe();
    expect(electron.ipcRenderer.removeListener.mock.calls[0]![0]).toBe('event:status');
  });
});
