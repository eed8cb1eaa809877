import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => ({
  app: { on: vi.fn() },
  shell: { openExternal: vi.fn(() => Promise.resolve()) },
  session: {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
  },
}));
vi.mock('electron', () => electron);

import { installSecurity, isSafeExternalUrl } from '../../src/main/security';
import { APP_ORIGIN } from '../../src/main/appProtocol';

const APP = APP_ORIGIN; // what main/index.ts hands over for the built renderer

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    setWindowOpenHandler: vi.fn((handler: Listener) => (openHandler = handler)),
    on: vi.fn((event: string, listener: Listener) => listeners.set(event, listener)),
  };
  return {
    contents,
    open: (url: string) => openHandler!({ url }),
    emit: (event: string, url?: string) => {
      const preventDefault = vi.fn();
      listeners.get(event)!({ preventDefault }, url);
      return preventDefault;
    },
  };
}

function hardened() {
  const fake = fakeContents();
  const onCreated = electron.app.on.mock.calls.find(
    ([name]) => name === 'web-contents-created',
  )![1] as Listener;
  onCreated({}, fake.contents as unknown as WebContents);
  return fake;
}

describe('installSecurity', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    installSecurity(APP);
  });

  it('re-exports the pure URL check', () => {
    expect(isSafeExternalUrl('https://a.example')).toBe(true);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('denies every new window, opening web links in the browser', () => {
    const fake = hardened();
    expect(fake.open('https://nationalize.io/')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://nationalize.io/');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'x-custom:run'])(
    'denies %s without opening anything',
    (url) => {
      const fake = hardened();
      expect(fake.open(url)).toEqual({ action: 'deny' });
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('prevents navigation to another origin', () => {
    const fake = hardened();
    expect(fake.emit('will-navigate', 'https://evil.example/')).toHaveBeenCalledOnce();
    expect(fake.emit('will-navigate', 'file:///etc/passwd')).toHaveBeenCalledOnce();
    expect(fake.emit('will-navigate', 'app://other/index.html')).toHaveBeenCalledOnce();
    expect(fake.emit('will-redirect', 'https://evil.example/')).toHaveBeenCalledOnce();
  });

  it('allows navigation within the app page', () => {
    const fake = hardened();
    expect(fake.emit('will-navigate', `${APP}/index.html#/failures`)).not.toHaveBeenCalled();
    expect(fake.emit('will-redirect', `${APP}/index.html`)).not.toHaveBeenCalled();
  });

  it('prevents attaching a webview', () => {
    expect(hardened().emit('will-attach-webview')).toHaveBeenCalledOnce();
  });

  it('denies every permission request and check', () => {
    const ses = electron.session.defaultSession;
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as Listener;
    expect(check({}, 'clipboard-read')).toBe(false);
  });
});
