// The Transport used when the renderer runs in a plain browser, served by the bridge server:
// invoke is POST /rpc/<channel>, events come from one shared EventSource.
import type { Transport } from '@shared/api';
import type { Channel, Envelope, EventName } from '@shared/contract';

export const TOKEN_STORAGE_KEY = 'lead-enricher-token';

/**
 * The session token: from `#token=` on first load (then removed from the visible URL so it is not
 * copied or bookmarked), from sessionStorage after a reload.
 */
export function takeToken(win: Window = window): string | null {
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage disabled: the token still works until the next reload.
    }
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export interface WebTransportOptions {
  token: string | null;
  /** Origin prefix of the bridge; empty because it serves the page and the API from one origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

function unreachable(detail: string): Envelope<unknown> {
  return { ok: false, error: { code: 'internal', message: `The app core could not be reached: ${detail}` } };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

export function createWebTransport(options: WebTransportOptions): Transport {
  const { token, baseUrl = '' } = options;
  // Looked up lazily so tests (and late polyfills) can replace the globals.
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let source: EventSource | null = null;
  let subscribers = 0;

  function openSource(): EventSource {
    if (source) return source;
    const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
    // EventSource cannot send headers, so the token goes in the query string.
    source = new EventSourceImpl(`${baseUrl}/events?token=${encodeURIComponent(token ?? '')}`);
    return source;
  }

  return {
    async invoke(channel: Channel, payload: unknown): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ payload }),
        });
      } catch (error) {
        return unreachable(error instanceof Error ? error.message : String(error));
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return unreachable(`HTTP ${response.status} without a JSON answer`);
      }
      return isEnvelope(body) ? body : unreachable(`HTTP ${response.status} with an unexpected answer`);
    },

    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      const current = openSource();
      const handler = (message: Event): void => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return; // A malformed event is dropped rather than crashing the listener.
        }
        listener(payload);
      };
      current.addEventListener(event, handler);
      subscribers++;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        current.removeEventListener(event, handler);
        subscribers--;
        if (subscribers === 0 && source === current) {
          current.close();
          source = null;
        }
      };
    },
  };
}
