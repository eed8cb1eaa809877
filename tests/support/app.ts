// Builds the real core against a test database and the fake nationalize.io, from the same composition root.
import { createCoreApp, type CoreApp, type CoreOptions } from '../../src/core/app';
import { loadConfig } from '../../src/core/config';

export async function testApp(
  env: Record<string, string | undefined>,
  options: CoreOptions = {},
): Promise<CoreApp> {
  return createCoreApp(loadConfig({ NATIONALIZE_MAX_ATTEMPTS: '2', ...env }), {
    dbTimeoutMs: 2000,
    ...options,
  });
}
