// Runs the production renderer in your browser against the real core, through the browser bridge.
//   npm run preview:web              settings start from the environment / .env; with no MONGODB_URI the
//                                    local database on this computer is used (downloaded on first use)
//   npm run preview:web -- --demo    offline demo: an in-memory database and the local nationalize.io stand-in
// Settings live in memory for the session (a browser has no OS keychain: secrets are kept in clear).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { createCoreApp } from '../src/core/app';
import { loadConfig } from '../src/core/config';
import { localDatabaseProvider } from '../src/core/localdb';
import { NO_SECRET_BOX, SettingsService, seedFromEnv } from '../src/core/settings/service';
import { MemorySettingsStorage } from '../src/bridge/memorySettings';
import { startBridge } from '../src/bridge/server';
import { FakeNationalize } from '../tests/support/fakeNationalize';
import { startTestMongo } from '../tests/support/mongo';

/** The stand-in's quota in the demo, in names per day. */
const DEMO_QUOTA = 1000;

const { values } = parseArgs({ options: { demo: { type: 'boolean' }, port: { type: 'string' } } });
loadDotenv({ quiet: true });
const env: Record<string, string | undefined> = { ...process.env };
const cleanups: Array<() => Promise<void>> = [];

if (values.demo) {
  const mongo = await startTestMongo();
  env.MONGODB_URI = mongo.uri('preview');
  cleanups.push(() => mongo.stop());
  const fake = new FakeNationalize({
    latencyMs: 150,
    quota: { limit: DEMO_QUOTA, resetSeconds: 86_400, rolling: true },
  });
  env.NATIONALIZE_BASE_URL = await fake.start();
  cleanups.push(() => fake.stop());
  console.log(
    `Demo mode: an in-memory database (nothing is kept) and a local stand-in for nationalize.io, which ` +
      `allows ${DEMO_QUOTA.toLocaleString('en')} names a day (like its free tier): past that, names wait for the next day.`,
  );
}

const settings = new SettingsService(new MemorySettingsStorage(), NO_SECRET_BOX, {
  allowPlaintextSecrets: true,
  ...(values.demo ? { firstRunDone: true } : {}),
  ...seedFromEnv(env),
});
const userData = join(homedir(), '.cache', 'lead-enricher-preview');
const app = await createCoreApp(loadConfig(env), {
  log: (m) => console.error(m),
  settings,
  localDatabase: localDatabaseProvider(userData, env, (m) => console.error(m)),
  backgroundSync: true,
  // As the desktop app: unfinished runs go on by themselves (at start, when the quota resets).
  backgroundRuns: true,
});
if (values.demo) {
  // The app learns the quota from the API's answers; one name asked now lets the demo show the cost of
  // the first paste against it ("… names to ask · 999 left in this window") instead of "not known yet".
  await app.client.lookup(['Demo']).catch(() => undefined);
}
const bridge = await startBridge({
  app,
  rendererDir: resolve(import.meta.dirname, '../out/renderer'),
  port: values.port ? Number(values.port) : 0,
});
console.log(`Lead Enricher (browser preview): ${bridge.url}`);

process.on('SIGINT', () => {
  void (async () => {
    await bridge.close();
    await app.close();
    for (const cleanup of cleanups) await cleanup();
    process.exit(0);
  })();
});
