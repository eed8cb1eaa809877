// Tells the core when the computer wakes from sleep or the network comes back, so a sync run missed
// meanwhile runs (once) and runs waiting for quota are looked at: Electron's powerMonitor for sleep,
// net.isOnline() looked at every half minute for the network (main has no "online" event).
import type { PowerMonitor } from 'electron';

const NETWORK_CHECK_MS = 30_000;

export interface WakeSources {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>;
  isOnline: () => boolean;
}

/** Calls `wake` on resume, unlock, and each time the network goes from down to up; returns a stop. */
export function watchWake(
  sources: WakeSources,
  wake: () => void,
  checkEveryMs = NETWORK_CHECK_MS,
): () => void {
  const onWake = (): void => wake();
  sources.powerMonitor.on('resume', onWake);
  sources.powerMonitor.on('unlock-screen', onWake);
  let online = sources.isOnline();
  const timer = setInterval(() => {
    const now = sources.isOnline();
    if (now && !online) wake();
    online = now;
  }, checkEveryMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sources.powerMonitor.off('resume', onWake);
    sources.powerMonitor.off('unlock-screen', onWake);
  };
}
