// The work of the benchmark's child (bigRun.ts): enriches 100,000 pasted names against the stand-in API
// whose URL it is given, on the in-memory store, and reports its peak memory (RSS sampled every 20 ms).
import { performance } from 'node:perf_hooks';
import { EnrichmentService } from '../../src/core/enrichment/service';
import { NationalizeClient } from '../../src/core/nationalize/client';
import { MemoryRunStore } from './memoryRunStore';
import { benchPaste } from './paste';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const baseRss = process.memoryUsage().rss;
let peak = baseRss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

const client = new NationalizeClient({
  baseUrl: process.argv[2]!,
  apiKey: null,
  concurrency: 8,
  timeoutMs: 30_000,
  maxAttempts: 2,
  maxRateLimitWaitMs: 0,
});
// The answers are not kept: nothing in this one run reads them back, and a real database keeps them
// in its own process.
const store = new MemoryRunStore(20, false);
const service = new EnrichmentService({
  stores: async () => ({ runs: store, leads: null as never }),
  client: () => client,
  classify: () => ({ threshold: 0.6, minSampleCount: 0 }),
  reuseAnswersMs: () => 30 * 86_400_000,
  instanceId: 'bench-big',
});
const start = performance.now();
const summary = await service.enrichText(benchPaste(100_000).text);
const ms = performance.now() - start;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
// What the stand-in database itself holds (a real one keeps it in its own process): the live heap
// with it, then without it.
const gc = (globalThis as { gc?: () => void }).gc;
let storeMb: number | null = null;
if (gc) {
  gc();
  const withStore = process.memoryUsage().heapUsed;
  store.clear();
  gc();
  storeMb = mb(withStore - process.memoryUsage().heapUsed);
}
process.send!({ peakRssMb: mb(peak), baseRssMb: mb(baseRss), storeMb, ms, leads: summary.enriched });
process.exit(0);
