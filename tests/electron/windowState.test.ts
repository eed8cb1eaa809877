import { describe, expect, it, vi } from 'vitest';

const saved = new Map<string, unknown>();
vi.mock('electron', () => ({
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
}));
vi.mock('electron-store', () => ({
  default: class {
    get = (key: string) => saved.get(key);
    set = (key: string, value: unknown) => void saved.set(key, value);
  },
}));

const { WindowStateKeeper, isVisibleOn } = await import('../../src/main/windowState');

describe('remembered window size and position', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };

  it('restores saved bounds that are still on a display', () => {
    saved.set('bounds', { x: 100, y: 80, width: 1400, height: 900 });
    saved.set('maximized', true);
    expect(new WindowStateKeeper().initial()).toEqual({
      bounds: { x: 100, y: 80, width: 1400, height: 900 },
      maximized: true,
    });
  });

  it('opens at the default size when the saved place is off every display (a monitor was unplugged)', () => {
    saved.set('bounds', { x: 2500, y: 80, width: 1400, height: 900 });
    saved.set('maximized', false);
    expect(new WindowStateKeeper().initial()).toEqual({
      bounds: { width: 1280, height: 800 },
      maximized: false,
    });
  });

  it('knows when a window could still be grabbed', () => {
    expect(isVisibleOn({ x: -200, y: 0, width: 800, height: 600 }, [display])).toBe(true);
    expect(isVisibleOn({ x: 1850, y: 0, width: 800, height: 600 }, [display])).toBe(false);
    expect(isVisibleOn({ x: 0, y: 1060, width: 800, height: 600 }, [display])).toBe(false);
  });
});
