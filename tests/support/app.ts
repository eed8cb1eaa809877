// Builds the real core against a test database and the fake nationalize.io, from the same composition root.
import { createCoreApp, type CoreApp, type CoreOptions } from '../../src/core/app';
import { loadConfig } from '../../src/core/config';
import { SettingsService } from '../../src/core/settings/service';
import { MemorySettingsStorage } from '../../src/bridge/memorySettings';
import type { SettingsUpdate } from '@shared/contract';
import { fakeSafeStorage } from './secretBox';

export async function testApp(
  env: Record<string, string | undefined>,
  options: CoreOptions = {},
): Promise<CoreApp> {
  return createCoreApp(loadConfig({ NATIONALIZE_MAX_ATTEMPTS: '2', ...env }), {
    dbTimeoutMs: 2000,
    ...options,
  });
}

/** The core as the desktop app builds it: from settings (kept in memory here), secrets sealed. */
export async function settingsApp(
  seed: SettingsUpdate,
  options: CoreOptions = {},
): Promise<{ app: CoreApp; settings: SettingsService }> {
  const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage(), {
    firstRunDone: true,
    ...seed,
  });
  const app = await createCoreApp(loadConfig({ NATIONALIZE_MAX_ATTEMPTS: '2' }), {
    dbTimeoutMs: 2000,
    settings,
    ...options,
  });
  return { app, settings };
}
