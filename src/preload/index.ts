// The sandboxed preload: exposes `window.api` as a checked invoke and subscribe, and nothing else. The
// page never sees ipcRenderer, only the contract's channels and events; the renderer builds its typed
// api over this (so an error keeps its code across contextBridge). Imports stay dependency-free (no zod).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Transport } from '@shared/api';
import { CHANNELS, EVENTS, type Envelope } from '@shared/contract';
import { SHELL_CHANNELS, type ShellTransport } from '@shared/shell';

// The core's operations and the shell's own (file dialogs, answered by main).
const channels = new Set<string>([...CHANNELS, ...SHELL_CHANNELS]);
const events = new Set<string>(EVENTS);

const transport: Transport & ShellTransport = {
  invoke(channel: string, payload: unknown): Promise<Envelope<never>> {
    if (!channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'forbidden', message: `Unknown operation: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(channel, payload) as Promise<Envelope<never>>;
  },
  // A dropped file's path, for the core to read: the page itself never learns paths otherwise.
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
  subscribe(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event: ${String(event)}`);
    // Hand the page the payload only: the IPC event object carries `sender` (the ipcRenderer).
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', transport);
