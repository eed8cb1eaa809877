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
 * Whether `url` is the app's own page. `appOrigin` is the dev server's origin (http://localhost:5173) or
 * app://lead-enricher, the built renderer's (see appProtocol.ts). Nothing on file:// is the app.
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
  if (base.protocol === 'app:') {
    // A custom scheme's origin is opaque to the URL parser: compare scheme and host (with its port).
    return (
      target.protocol === 'app:' &&
      base.host !== '' &&
      target.host.toLowerCase() === base.host.toLowerCase() &&
      !target.username &&
      !target.password
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return false;
  return target.origin === base.origin;
}
