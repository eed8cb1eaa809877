import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    readonly listeners = new Map<string, () => void>();
    readonly show = vi.fn();
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly loadFile = vi.fn(() => Promise.resolve());
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.instances.push(this);
    }
    once(event: string, listener: () => void): this {
      this.listeners.set(event, listener);
      return this;
    }
  }
  return { BrowserWindow: FakeBrowserWindow };
});
vi.mock('electron', () => electron);

import { createMainWindow } from '../../src/main/window';

const builtTarget = {
  url: 'app://lead-enricher/index.html',
  rendererDir: '/app/out/renderer',
  appOrigin: 'app://lead-enricher',
};

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.BrowserWindow.instances.length = 0;
  });

  it('creates a locked-down window', () => {
    createMainWindow(builtTarget);
    const [win] = electron.BrowserWindow.instances;
    const prefs = win!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(prefs).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(win!.options).toMatchObject({
      title: 'Lead Enricher',
      show: false,
      width: 1280,
      height: 800,
      minWidth: 960,
      minHeight: 600,
    });
  });

  it('shows the window only once it is ready to show', () => {
    createMainWindow(builtTarget);
    const [win] = electron.BrowserWindow.instances;
    expect(win!.show).not.toHaveBeenCalled();
    win!.listeners.get('ready-to-show')!();
    expect(win!.show).toHaveBeenCalledOnce();
  });

  it('loads the built page on app://, never from file://', () => {
    createMainWindow(builtTarget);
    const [win] = electron.BrowserWindow.instances;
    expect(win!.loadURL).toHaveBeenCalledExactlyOnceWith('app://lead-enricher/index.html');
    expect(win!.loadFile).not.toHaveBeenCalled();
  });

  it('loads the dev server when there is one', () => {
    createMainWindow({
      url: 'http://localhost:5173/',
      rendererDir: null,
      appOrigin: 'http://localhost:5173',
    });
    const [win] = electron.BrowserWindow.instances;
    expect(win!.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/');
    expect(win!.loadFile).not.toHaveBeenCalled();
  });
});
