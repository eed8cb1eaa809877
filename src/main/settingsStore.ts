// Where the desktop app keeps its settings: electron-store (a JSON file in the user-data folder), with
// secrets sealed by the OS keychain through safeStorage. Validation and migrations live in the core.
import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { SecretBox } from '../core/settings/secrets';
import type { SettingsStorage } from '../core/settings/service';
import type { Settings } from '../core/settings/schema';

/** The settings file, read and written whole so the core's loader sees exactly what is stored. */
export function electronSettingsStorage(): SettingsStorage {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
  return {
    read: () => (Object.keys(store.store).length ? store.store : undefined),
    write: (settings: Settings) => {
      store.store = settings as unknown as Record<string, unknown>;
    },
  };
}

/**
 * safeStorage as the core's SecretBox; `available` is asked once the app is ready. On Linux without a
 * keyring, safeStorage falls back to a hard-coded password ("basic_text"): that is not encryption, so the
 * person is asked, as on a system with none.
 */
export function safeStorageBox(): SecretBox {
  return {
    get available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
    decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
  };
}
