// Starts the test stand-in for nationalize.io on loopback, for trying the app and the CLI offline.
// Usage: npx tsx scripts/fake-nationalize.ts [--port N] [--latency MS]
import { parseArgs } from 'node:util';
import { FakeNationalize } from '../tests/support/fakeNationalize';

const { values } = parseArgs({ options: { port: { type: 'string' }, latency: { type: 'string' } } });
const fake = new FakeNationalize({
  latencyMs: Number(values.latency ?? 0),
  quota: { limit: 100_000, resetSeconds: 86_400 },
});
const url = await fake.start(Number(values.port ?? 0));
process.stdout.write(`NATIONALIZE_BASE_URL=${url}\n`);
process.on('SIGINT', () => void fake.stop().then(() => process.exit(0)));
