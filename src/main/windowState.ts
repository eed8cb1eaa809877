// Remembers the window's size and position between launches, and never restores it off screen.
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import Store from 'electron-store';

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

const DEFAULT = { width: 1280, height: 800 };

/** True when enough of the window would be on a connected display to grab it. */
export function isVisibleOn(bounds: Rectangle, displays: readonly Rectangle[]): boolean {
  return displays.some(
    (d) =>
      bounds.x + 100 <= d.x + d.width &&
      bounds.x + bounds.width - 100 >= d.x &&
      bounds.y >= d.y - 10 &&
      bounds.y + 40 <= d.y + d.height,
  );
}

export class WindowStateKeeper {
  private readonly store = new Store<WindowState>({ name: 'window-state' });

  /** The bounds to open with: the saved ones if still on a display, else the default size. */
  initial(): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
    const saved = this.store.get('bounds');
    const displays = screen.getAllDisplays().map((d) => d.workArea);
    const valid =
      saved && saved.width >= 400 && saved.height >= 300 && isVisibleOn(saved, displays) ? saved : undefined;
    return { bounds: valid ?? DEFAULT, maximized: this.store.get('maximized') ?? false };
  }

  /** Saves the window's normal bounds when it moves, resizes or closes. */
  track(win: BrowserWindow): void {
    let timer: NodeJS.Timeout | undefined;
    const save = (): void => {
      if (win.isDestroyed()) return;
      this.store.set('maximized', win.isMaximized());
      if (!win.isMaximized() && !win.isMinimized()) this.store.set('bounds', win.getNormalBounds());
    };
    const later = (): void => {
      clearTimeout(timer);
      timer = setTimeout(save, 500);
    };
    win.on('resize', later);
    win.on('move', later);
    win.on('close', () => {
      clearTimeout(timer);
      save();
    });
  }
}
