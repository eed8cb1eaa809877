// Secrets at rest: encrypted with the OS keychain (Electron's safeStorage, passed in as a SecretBox)
// where it is offered; in clear only after the person agreed. The renderer only ever sees masks.
import { CoreError } from '../errors';
import { maskConnectionString } from '../store/connectionString';
import type { StoredSecret } from './schema';

/** Electron's safeStorage, or a stand-in in tests. */
export interface SecretBox {
  readonly available: boolean;
  encrypt(text: string): string;
  decrypt(data: string): string;
}

export function sealSecret(box: SecretBox, text: string, allowPlaintext: boolean): StoredSecret {
  if (box.available) return { enc: 'os', data: box.encrypt(text) };
  if (allowPlaintext) return { enc: 'plain', data: text };
  throw new CoreError(
    'invalid_request',
    'This computer offers no encrypted storage for secrets: agree to keep them unencrypted in Settings first',
  );
}

/** The clear text, or null when it cannot be read back (the OS keychain changed, say). */
export function openSecret(box: SecretBox, secret: StoredSecret | null): string | null {
  if (!secret) return null;
  if (secret.enc === 'plain') return secret.data;
  if (!box.available) return null;
  try {
    return box.decrypt(secret.data);
  } catch {
    return null;
  }
}

/** What the renderer may see of a secret. */
export function maskSecret(text: string | null, kind: 'uri' | 'key'): string | null {
  if (text === null) return null;
  if (kind === 'uri') {
    const masked = maskConnectionString(text);
    // A URI without credentials is not secret; with them, only the user name is shown.
    return masked.length > 80 ? `${masked.slice(0, 77)}…` : masked;
  }
  return text.length > 8 ? `••••${text.slice(-4)}` : '••••';
}
