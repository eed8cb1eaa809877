/// <reference types="vite/client" />
import type { LeadEnricherApi } from '@shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload, or by main.tsx over the browser bridge. */
    api: LeadEnricherApi;
  }
}

export {};
