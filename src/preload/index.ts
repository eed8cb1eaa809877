// The sandboxed preload: exposes `window.api` and nothing else. The page never sees ipcRenderer,
// only the contract's channels and events. Imports stay dependency-free (no zod) so the bundle is small.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi, type Transport } from '@shared/api';
import { ALL_CHANNELS, ALL_EVENTS } from '@shared/channels';

const channels = new Set<string>(ALL_CHANNELS);
const events = new Set<string>(ALL_EVENTS);

const transport: Transport = {
  invoke(channel, payload) {
    if (!channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'forbidden', message: `Unknown operation: ${channel}` },
      });
    }
    return ipcRenderer.invoke(channel, payload);
  },
  subscribe(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event: ${event}`);
    // Hand the page the payload only: the IPC event object carries `sender` (the ipcRenderer).
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', createApi(transport));
