/// <reference types="vite/client" />
import type { Transport } from '@shared/api';

declare global {
  interface Window {
    /** The Electron preload's checked invoke/subscribe; absent in a plain browser (the bridge's page). */
    api: Transport | undefined;
  }
}

export {};
