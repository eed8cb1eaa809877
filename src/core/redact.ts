// Secrets never reach logs, errors or the renderer in clear.
import { hasMongoScheme, maskConnectionString } from './store/connectionString';

/**
 * A connection string inside arbitrary text (a driver's error message, a log line), masked by the one rule
 * for connection strings. Its user information ends at an @: in the first word, or, when that word has
 * none and is still the host part (no /), across spaces on the same line (a password may hold spaces).
 */
const URI_IN_TEXT = /mongodb(?:\+srv)?:\/\/(?:[^\s@]*@|[^\s@/]*(?:[ \t]+[^\s@/]+)*[ \t]*@)?[^\s"'<>]*/gi;

/** mongodb+srv://user:secret@host/db -> mongodb+srv://user:****@host/db, wherever it is in the text. */
export function redactUri(text: string): string {
  return text.replace(URI_IN_TEXT, (uri) => maskConnectionString(uri));
}

/** Replaces every occurrence of the given secrets, and any apikey=... query parameter. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let out = text;
  // Known secrets first, whole: a connection string becomes its masked form, anything else ****.
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join(hasMongoScheme(secret) ? maskConnectionString(secret) : '****');
  }
  return redactUri(out).replace(/([?&]apikey=)[^&\s]+/gi, '$1****');
}
