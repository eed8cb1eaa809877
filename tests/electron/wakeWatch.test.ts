// Sleep, wake and the network coming back, as the shell tells the core (electron's powerMonitor stood in).
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchWake } from '../../src/main/wakeWatch';

describe('watchWake', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('wakes the core on resume and unlock, and once each time the network comes back', () => {
    const power = new EventEmitter();
    let online = true;
    const wake = vi.fn();
    const stop = watchWake({ powerMonitor: power as never, isOnline: () => online }, wake, 1000);
    power.emit('resume');
    power.emit('unlock-screen');
    expect(wake).toHaveBeenCalledTimes(2);

    online = false;
    vi.advanceTimersByTime(3000);
    expect(wake).toHaveBeenCalledTimes(2);
    online = true;
    vi.advanceTimersByTime(3000);
    expect(wake).toHaveBeenCalledTimes(3); // back once: one wake, not one per check

    stop();
    power.emit('resume');
    online = false;
    vi.advanceTimersByTime(1000);
    online = true;
    vi.advanceTimersByTime(1000);
    expect(wake).toHaveBeenCalledTimes(3);
  });
});
