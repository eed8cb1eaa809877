// Hardening for every web contents the app creates: no new windows, no navigation away from the
// app, no <webview>, no permissions. Links to websites open in the system browser.
import { app, session, shell, type WebContents } from 'electron';
import { logError } from './log';
import { isAppUrl, isSafeExternalUrl } from './urls';

export { isAppUrl, isSafeExternalUrl };

function openInBrowser(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK: only http(s) URLs that parse, checked just above.
  shell.openExternal(url).catch((err: unknown) => logError(`Could not open ${url}`, err));
}

export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appOrigin)) return;
    event.preventDefault();
    openInBrowser(url);
  });
  // A server redirect is not the person's choice: refuse it without opening anything.
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once the app is ready (the default session exists only then), before creating windows. */
export function installSecurity(appOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
