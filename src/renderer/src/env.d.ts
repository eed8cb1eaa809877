/// <reference types="vite/client" />
import type { Transport } from '@shared/api';
import type { ShellTransport } from '@shared/shell';

declare global {
  interface Window {
    /** The Electron preload's checked invoke/subscribe; absent in a plain browser (the bridge's page). */
    api: (Transport & ShellTransport) | undefined;
  }
}

export {};
