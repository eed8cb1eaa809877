import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '@shared/contract';
import type { Envelope } from '@shared/contract';
import { createSenderCheck, registerIpc } from '../../src/main/ipc';
import { APP_ORIGIN } from '../../src/main/appProtocol';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Envelope<unknown>>;

const APP = APP_ORIGIN; // what main/index.ts hands over for the built renderer

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

function eventFrom(url: string | null, { subframe = false } = {}): IpcMainInvokeEvent {
  const mainFrame = { url: `${APP}/index.html`, parent: null };
  const senderFrame = url === null ? null : subframe ? { url, parent: mainFrame } : { url, parent: null };
  return { senderFrame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent;
}

function setup() {
  const ipcMain = fakeIpcMain();
  const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({ ok: true, data: { answer: 42 } }));
  const dispose = registerIpc(ipcMain, dispatch, createSenderCheck(APP));
  const call = (channel: string, event: IpcMainInvokeEvent, payload?: unknown) =>
    ipcMain.handlers.get(channel)!(event, payload);
  return { ipcMain, dispatch, dispose, call };
}

describe('registerIpc', () => {
  it('registers one handler per channel of the contract', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(ipcMain.handlers.size).toBe(CHANNELS.length);
  });

  it('dispatches a call from the app page and returns its envelope', async () => {
    const { dispatch, call } = setup();
    const result = await call('leads:list', eventFrom(`${APP}/index.html#/leads`), { page: 2 });
    expect(result).toEqual({ ok: true, data: { answer: 42 } });
    expect(dispatch).toHaveBeenCalledWith('leads:list', { page: 2 });
  });

  it('passes error envelopes through unchanged', async () => {
    const { dispatch, call } = setup();
    const busy: Envelope<unknown> = { ok: false, error: { code: 'busy', message: 'A run is active' } };
    dispatch.mockResolvedValueOnce(busy);
    expect(await call('enrich:start', eventFrom(`${APP}/index.html`), { text: 'a' })).toEqual(busy);
  });

  it.each([
    ['another site', eventFrom('https://evil.example/')],
    ['a file outside the renderer', eventFrom('file:///home/me/evil.html')],
    ['the renderer folder on file://', eventFrom('file:///app/out/renderer/index.html')],
    ['another app:// host', eventFrom('app://other/index.html')],
    ['an iframe of the app', eventFrom(`${APP}/index.html`, { subframe: true })],
    ['a frame that is gone', eventFrom(null)],
  ])('refuses %s without dispatching', async (_name, event) => {
    const { dispatch, call } = setup();
    const result = await call('status:get', event);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatch into an internal error envelope', async () => {
    const { dispatch, call } = setup();
    dispatch.mockRejectedValueOnce(new Error('boom at /secret/path'));
    const result = await call('runs:list', eventFrom(`${APP}/index.html`));
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in runs:list' },
    });
  });

  it('removes every handler when disposed', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
  });
});

describe('createSenderCheck in development', () => {
  it('trusts the dev server origin only', () => {
    const check = createSenderCheck('http://localhost:5173');
    expect(check(eventFrom('http://localhost:5173/'))).toBe(true);
    expect(check(eventFrom('http://localhost:5174/'))).toBe(false);
    expect(check(eventFrom('http://localhost:5173/', { subframe: true }))).toBe(false);
  });
});
