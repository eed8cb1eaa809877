// Pure URL checks shared by the navigation guards and the IPC sender check (no Electron import,
// so they can be unit tested and imported anywhere).

/** Only web links may leave the app for the system browser: never file:, javascript:, custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
}

/**
 * Whether `url` is the app's own page. `appOrigin` is the dev server's origin (http://localhost:5173)
 * or the renderer folder as a file:// URL; a file must then lie inside that folder.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(appOrigin);
  } catch {
    return false;
  }
  if (base.protocol === 'file:') {
    const dir = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    // The parser already folds "..": only encoded separators could still climb out of the folder.
    if (/%2f|%5c/i.test(target.pathname)) return false;
    return target.protocol === 'file:' && target.host === base.host && target.pathname.startsWith(dir);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return false;
  return target.origin === base.origin;
}
