// The settings of a browser session (npm run preview:web, and the tests' apps): kept in memory, gone when
// it ends. The desktop app keeps them with electron-store (src/main/settingsStore.ts).
import type { Settings } from '../core/settings/schema';
import type { SettingsStorage } from '../core/settings/service';

export class MemorySettingsStorage implements SettingsStorage {
  constructor(private value: unknown = undefined) {}
  read(): unknown {
    return this.value;
  }
  write(settings: Settings): void {
    this.value = structuredClone(settings);
  }
}
