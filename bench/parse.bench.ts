// Parsing figures (printed, never asserted): 100,000 entries through the shared parser, as the renderer's
// live count and the core's run do it.
//   npx tsx bench/parse.bench.ts
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parsePaste } from '@shared/names';
import { distinctNames } from '../tests/support/names';

const COUNT = 100_000;
const RUNS = 5;
const base = distinctNames(300);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A distinct made-up family name for each i, so every entry is a new lead. */
const family = (i: number): string =>
  `${LETTERS[i % 26]!.toUpperCase()}${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[Math.floor(i / 676) % 26]}${LETTERS[Math.floor(i / 17576) % 26]}son`;
const person = (i: number): string => `${base[i % base.length]!.split(' ')[0]} ${family(i)}`;

const messy = (i: number): string => {
  switch (i % 10) {
    case 0:
      return `Dr. ${person(i)}`;
    case 1:
      return `${family(i).toUpperCase()}, ${base[i % 20]!.split(' ')[0]!.toUpperCase()}`;
    case 2:
      return `${person(i)} (met at the fair)`;
    case 3:
      return `"${person(i).toLowerCase()}"`;
    case 4:
      return `${person(i)}, Jr.`;
    case 5:
      return i % 20 === 5 ? 'N/A' : `${person(i).replace(' ', '.').toLowerCase()}@acme.com`;
    case 6:
      return `Jo\u200B${person(i)}`;
    default:
      return person(i);
  }
};

const cases: Array<[string, string]> = [
  ['one name a line', Array.from({ length: COUNT }, (_, i) => person(i)).join('\n')],
  [
    'messy: titles, Last, First, notes, quotes, emails',
    Array.from({ length: COUNT }, (_, i) => messy(i)).join('\n'),
  ],
  [
    'spreadsheet paste: Name, Company, Email',
    [
      'Name\tCompany\tEmail',
      ...Array.from(
        { length: COUNT },
        (_, i) => `${person(i)}\tAcme Corp\t${family(i).toLowerCase()}@acme.com`,
      ),
    ].join('\n'),
  ],
  [
    'spreadsheet paste: First name, Last name',
    ['First name\tLast name', ...Array.from({ length: COUNT }, (_, i) => person(i).replace(' ', '\t'))].join(
      '\n',
    ),
  ],
];

const rows = cases.map(([label, text]) => {
  const times: number[] = [];
  const cpu: number[] = [];
  let parsed = parsePaste(text);
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    parsed = parsePaste(text);
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  return {
    case: label,
    'MB pasted': (text.length / 1e6).toFixed(1),
    'median ms': Math.round(median),
    'best ms': Math.round(times[0]!),
    // CPU time says more than wall time on a machine shared with other work.
    'CPU ms': Math.round(cpu[Math.floor(RUNS / 2)]!),
    'entries/s': Math.round(parsed.pasted / (median / 1000)).toLocaleString('en-US'),
    names: parsed.names.length,
    refused: parsed.invalid.length,
    folded: parsed.duplicatesFolded,
  };
});

console.log(
  `Shared parser, ${COUNT.toLocaleString('en-US')} entries per case, median of ${RUNS} runs (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)\n`,
);
console.table(rows);
