// The Electron security check of `npm test`: runs @doyensec/electronegativity over src/ and fails on any
// finding above informational that is not justified next to the code it flags, by a comment
// `electronegativity-justified: CHECK_ID: why` on one of the 3 lines above it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const report = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'findings.csv');

// The check of Electron's published security fixes needs the internet, which CI does not have: it is
// left out (the Electron version is pinned in package.json instead).
const run = spawnSync(
  process.execPath,
  [
    join(ROOT, 'scripts/electronegativity.cjs'),
    '-i',
    'src',
    '-r',
    '-v',
    'false',
    '-e',
    electronVersion,
    '-x',
    'AvailableSecurityFixesGlobalCheck',
    '-o',
    report,
  ],
  { cwd: ROOT, encoding: 'utf8' },
);

// The CSV's first five columns are plain (id, severity, confidence, file, line:column); the sample after
// them may hold anything, so only those are read.
const FINDING = /^([A-Z_]+),"([A-Z]+)","([A-Z]+)","([^"]+)","(\d+):\d+"/;
let rows: string[][];
try {
  rows = readFileSync(report, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = FINDING.exec(line);
      return match ? [match.slice(1)] : [];
    });
} catch {
  console.error(
    `electronegativity did not produce a report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`,
  );
  process.exit(1);
}

const unjustified: string[] = [];
for (const [id = '', severity = '', confidence = '', file = '', lineText = ''] of rows) {
  const line = Number(lineText);
  const where = `src/${file}:${line}`;
  if (severity === 'INFORMATIONAL') {
    console.log(`  info       ${id} at ${where}`);
    continue;
  }
  const source = readFileSync(join(ROOT, 'src', file), 'utf8').split('\n');
  const above = source.slice(Math.max(0, line - 4), line).join('\n');
  const justification = new RegExp(`electronegativity-justified: ${id}: (.+)`).exec(above)?.[1];
  if (justification)
    console.log(`  justified  ${id} (${severity}, ${confidence}) at ${where}: ${justification.trim()}`);
  else unjustified.push(`${id} (${severity}, ${confidence}) at ${where}`);
}
for (const finding of unjustified) console.log(`  FINDING    ${finding}`);
console.log(
  `electronegativity (Electron ${electronVersion}): ${rows.length} findings, ${unjustified.length} not justified`,
);
process.exit(unjustified.length ? 1 : 0);
