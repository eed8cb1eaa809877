// Serves the IPC contract: validates each request against its schema and calls the core.
// Electron's ipcMain and the browser bridge both go through here, so they cannot drift apart.
import { z } from 'zod';
import { ALL_CHANNELS, IpcChannel } from '@shared/channels';
import { requestSchemas, type Envelope, type ParsedRequestOf, type ResponseTypes } from '@shared/contract';
import { CoreError } from './errors';

export type Handlers = { [C in IpcChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseTypes[C]> };

export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, log: (message: string) => void = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!(ALL_CHANNELS as readonly string[]).includes(channel)) {
      return { ok: false, error: { code: 'invalid_request', message: `Unknown operation: ${channel}` } };
    }
    const ch = channel as IpcChannel;
    const parsed = requestSchemas[ch].safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: `Invalid request for ${ch}: ${z.prettifyError(parsed.error)}`,
        },
      };
    }
    try {
      const handler = handlers[ch] as (request: unknown) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof CoreError) return { ok: false, error: { code: err.code, message: err.message } };
      // Unexpected: log the detail for us, give the person a message without internals.
      log(`${ch} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return {
        ok: false,
        error: { code: 'internal', message: `Something went wrong in ${ch}; the details are in the log` },
      };
    }
  };
}
