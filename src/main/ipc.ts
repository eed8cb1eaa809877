// Serves the IPC contract to the app's own page only; the core's dispatch does the validation.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Envelope } from '@shared/contract';
import type { Dispatch } from '../core/dispatch';
import type { Log } from './log';
import { isAppUrl } from './urls';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Trusted: the top frame of a page that is the app itself, never an iframe or a foreign page. */
export function createSenderCheck(appOrigin: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isAppUrl(frame.url, appOrigin);
  };
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
  log: Log = () => {},
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        log(`Refused ${channel} from ${event.senderFrame?.url ?? 'a gone frame'}`);
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Only the app window may call this operation' },
        };
      }
      try {
        return await dispatch(channel, payload);
      } catch (err) {
        // dispatch returns envelopes; this only guards against a bug there.
        log(`${channel} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { ok: false, error: { code: 'internal', message: `Something went wrong in ${channel}` } };
      }
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
