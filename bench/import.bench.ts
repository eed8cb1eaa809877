// File import figures (printed, never asserted): a 100,000-row CSV and XLSX, each imported in a fresh
// child process so its peak memory (RSS, sampled every 10 ms) is the import's own.
//   npx tsx bench/import.bench.ts
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { importFile } from '../src/core/import';

const ROWS = 100_000;
const HEAP_CAP_MB = 96;

interface Measure {
  ms: number;
  baselineMb: number;
  peakMb: number;
  names: number;
  progressCalls: number;
}

/** In the child: import one file, print what it measured as JSON. */
async function measure(path: string): Promise<void> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  let progressCalls = 0;
  const start = performance.now();
  const result = await importFile(path, { onProgress: () => progressCalls++ });
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  const out: Measure = {
    ms: Math.round(ms),
    baselineMb: mb(baseline),
    peakMb: mb(peak),
    names: result.names.length,
    progressCalls,
  };
  process.stdout.write(JSON.stringify(out));
}

const row = (i: number): string[] => [`Person ${i}`, `person${i}@acme.com`, 'Acme Corp', 'Sales'];

async function writeFiles(dir: string): Promise<Record<string, string>> {
  const csv = join(dir, 'people.csv');
  const lines = [
    'Full name,Email,Company,Department',
    ...Array.from({ length: ROWS }, (_, i) => row(i).join(',')),
  ];
  await writeFile(csv, lines.join('\n'));
  const xlsx = join(dir, 'people.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
  const sheet = workbook.addWorksheet('People');
  sheet.addRow(['Full name', 'Email', 'Company', 'Department']).commit();
  for (let i = 0; i < ROWS; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
  return { CSV: csv, XLSX: xlsx };
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3]!);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'lead-enricher-import-bench-'));
  try {
    const files = await writeFiles(dir);
    const rows = [];
    // Each file twice: as is, and with the JavaScript heap capped, to show that the import does not hold
    // the whole file in memory.
    for (const [format, path] of Object.entries(files)) {
      for (const heapMb of [undefined, HEAP_CAP_MB]) {
        const cap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [...cap, ...process.execArgv, import.meta.filename, '--measure', path],
          { maxBuffer: 1e6 },
        );
        const m = JSON.parse(stdout) as Measure;
        rows.push({
          file: `${format}, ${ROWS.toLocaleString('en-US')} rows${heapMb ? `, heap ≤ ${heapMb} MB` : ''}`,
          'MB on disk': ((await stat(path)).size / 1e6).toFixed(1),
          ms: m.ms,
          'rows/s': Math.round(ROWS / (m.ms / 1000)).toLocaleString('en-US'),
          'RSS before MB': m.baselineMb,
          'peak RSS MB': m.peakMb,
          names: m.names,
          'progress calls': m.progressCalls,
        });
      }
    }
    console.log('File import in a fresh process per file (peak RSS sampled every 10 ms)\n');
    console.table(rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
