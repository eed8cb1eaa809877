// Serves the IPC contract: validates each request against its schema and calls the core.
// Electron's ipcMain, the browser bridge and the command line all go through here, so they cannot drift apart.
import { z } from 'zod';
import {
  CHANNELS,
  type Channel,
  type Envelope,
  type ParsedRequestOf,
  type ResponseOf,
} from '@shared/contract';
import { requestSchemas } from '@shared/schemas';
import { CoreError } from './errors';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, log: (message: string) => void = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!(CHANNELS as readonly string[]).includes(channel)) {
      return { ok: false, error: { code: 'invalid_request', message: `Unknown operation: ${channel}` } };
    }
    const ch = channel as Channel;
    const parsed = requestSchemas[ch].safeParse(payload ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: `Invalid request for ${ch}: ${describeIssues(parsed.error)}`,
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

/** One line per problem, each naming its field: "pagesize: unknown field", "page: Too small: ...". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${[...issue.path, key].join('.')}: unknown field`).join('; ');
      }
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join('; ');
}
