// The background job across sleep: timers do not count the time a computer sleeps, so on waking the
// wall clock is past the next run while the timer still waits. Fake timers play exactly that: the wall
// clock jumps (setSystemTime) while no timer fires.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler } from '../../src/core/sync/scheduler';

const START = new Date('2026-03-02T09:00:00Z');

describe('the sync schedule across sleep', () => {
  let runs: number;
  let scheduler: SyncScheduler;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(START);
    runs = 0;
  });
  afterEach(async () => {
    await scheduler.stop();
    vi.useRealTimers();
  });

  const start = (schedule: string) => {
    scheduler = new SyncScheduler(() => runs++, { enabled: true, schedule });
    scheduler.start();
  };

  it('runs on its interval while awake', () => {
    start('5');
    expect(scheduler.nextRunAt).toEqual(new Date(START.getTime() + 5 * 60_000));
    vi.advanceTimersByTime(5 * 60_000);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(5 * 60_000);
    expect(runs).toBe(2);
  });

  it('after waking past a run, runs it once, and counts the next one from the wake', () => {
    start('5');
    vi.setSystemTime(new Date(START.getTime() + 3 * 3600_000)); // slept three hours: 36 runs missed
    expect(runs).toBe(0);
    expect(scheduler.onResume()).toBe(true);
    expect(runs).toBe(1);
    const woke = Date.now();
    expect(scheduler.nextRunAt).toEqual(new Date(woke + 5 * 60_000));
    // The network coming back a moment later finds nothing missed.
    expect(scheduler.onResume()).toBe(false);
    // The timer armed before the sleep was replaced: nothing fires before the new time.
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
  });

  it('a wake before the next run changes nothing', () => {
    start('15');
    vi.setSystemTime(new Date(START.getTime() + 10 * 60_000));
    expect(scheduler.onResume()).toBe(false);
    expect(runs).toBe(0);
    expect(scheduler.nextRunAt).toEqual(new Date(START.getTime() + 15 * 60_000));
  });

  it('a cron schedule does not replay every slot it slept through', () => {
    start('* * * * *'); // every minute
    vi.setSystemTime(new Date(START.getTime() + 2 * 3600_000 + 30_000)); // 120 slots missed
    // The old timer fires late, once (as it does on waking); it must not fire the 120 missed slots.
    vi.advanceTimersByTime(60_000);
    expect(runs).toBe(1);
    expect(scheduler.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(1);
  });

  it('does nothing on resume while switched off', () => {
    start('5');
    scheduler.configure({ enabled: false });
    vi.setSystemTime(new Date(START.getTime() + 3600_000));
    expect(scheduler.onResume()).toBe(false);
    expect(runs).toBe(0);
  });
});

describe('several apps in one process', () => {
  it("closing one app's job leaves the other app's job (and any other job of the process) running", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(START);
    let a = 0;
    let b = 0;
    const first = new SyncScheduler(() => a++, { enabled: true, schedule: '5' });
    const second = new SyncScheduler(() => b++, { enabled: true, schedule: '5' });
    first.start();
    second.start();
    try {
      await first.stop();
      vi.advanceTimersByTime(10 * 60_000);
      expect(a).toBe(0);
      expect(b).toBe(2);
      expect(second.nextRunAt).not.toBeNull();
    } finally {
      await second.stop();
      vi.useRealTimers();
    }
  });
});
