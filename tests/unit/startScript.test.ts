// scripts/start.ts in a child process, in a throwaway project whose node_modules hold the real electron
// package's installer (and @electron/get) and a stand-in electron-vite that only says how it was called.
// The installer's download goes to a closed loopback port, so it fails the same way on every machine.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const REAL_ELECTRON = dirname(require.resolve('electron/package.json'));
// The installer's one dependency, where npm put it (its package exports no package.json to resolve).
const GET_ENTRY = require.resolve('@electron/get', { paths: [REAL_ELECTRON] });
const ELECTRON_GET = GET_ENTRY.slice(
  0,
  GET_ENTRY.lastIndexOf(join('@electron', 'get')) + '@electron/get'.length,
);
const ZIP_ENTRY = require.resolve('@electron-internal/extract-zip', { paths: [REAL_ELECTRON] });
const EXTRACTOR = dirname(ZIP_ENTRY);
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
const EXECUTABLE =
  process.platform === 'darwin'
    ? 'Electron.app/Contents/MacOS/Electron'
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron';
const OFFLINE_LINE =
  /^lead-enricher: the Electron binary could not be downloaded \(fetch failed; no internet\?\)\. Connect once and run (npm start|npm run dev) again, or set ELECTRON_MIRROR \/ ELECTRON_OVERRIDE_DIST_PATH; the browser preview works offline: npm run preview:web -- --demo$/;

let project: string;
let electronDir: string;

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'lead-enricher-start-'));
  electronDir = join(project, 'node_modules/electron');
  writeFile(join(project, 'package.json'), '{ "name": "start-test", "private": true }');
  mkdirSync(electronDir, { recursive: true });
  for (const file of ['package.json', 'install.js', 'checksums.json']) {
    copyFileSync(join(REAL_ELECTRON, file), join(electronDir, file));
  }
  mkdirSync(join(project, 'node_modules/@electron'));
  symlinkSync(ELECTRON_GET, join(project, 'node_modules/@electron/get'), 'junction');
  writeFile(
    join(project, 'node_modules/electron-vite/package.json'),
    '{ "name": "electron-vite", "bin": { "electron-vite": "bin/electron-vite.js" } }',
  );
  writeFile(
    join(project, 'node_modules/electron-vite/bin/electron-vite.js'),
    'console.log(JSON.stringify({ args: process.argv.slice(2), exec: process.env.ELECTRON_EXEC_PATH ?? null }));',
  );
});

/** The installer's zip extractor (a native module shipped prebuilt), for the tests that get as far as unzipping. */
function linkExtractor(): void {
  mkdirSync(join(project, 'node_modules/@electron-internal'), { recursive: true });
  symlinkSync(EXTRACTOR, join(project, 'node_modules/@electron-internal/extract-zip'), 'junction');
}

afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

/** Installs a binary where install.js looks for it: dist/<path.txt>, with dist/version. */
function installBinary(): string {
  const binary = join(electronDir, 'dist', EXECUTABLE);
  writeFile(binary, '');
  writeFileSync(join(electronDir, 'dist/version'), ELECTRON_VERSION);
  writeFileSync(join(electronDir, 'path.txt'), EXECUTABLE);
  return binary;
}

/** A zip of uncompressed files, the way Electron's release zips hold the binary and its version. */
function storedZip(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const path = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(path.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); // central directory entry
    entry.writeUInt16LE(0x031e, 4); // made on Unix
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(path.length, 28);
    entry.writeUInt32LE((0o100755 << 16) >>> 0, 38); // an executable file
    entry.writeUInt32LE(offset, 42);
    parts.push(local, path, data);
    central.push(entry, path);
    offset += local.length + path.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A stand-in for the Electron releases mirror on loopback, serving one release zip and its checksums. */
async function startMirror(): Promise<{ url: string; requests: string[]; server: Server }> {
  const zipName = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
  const zip = storedZip({ [EXECUTABLE]: '#!/bin/sh\n', version: ELECTRON_VERSION });
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/v${ELECTRON_VERSION}/${zipName}`) return response.end(zip);
    if (request.url === `/v${ELECTRON_VERSION}/SHASUMS256.txt`) return response.end(sums);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server };
}

function start(args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'npm_config_electron_mirror']) {
    delete childEnv[name];
  }
  Object.assign(childEnv, {
    // Nothing listens on port 9 (discard): the download is refused at once.
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: join(project, 'cache'),
    ELECTRON_GET_NO_PROGRESS: '1',
    ...env,
  });
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'scripts/start.ts'), ...args], {
    cwd: project,
    env: childEnv,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout, stderr })),
  );
}

describe('npm start / npm run dev (scripts/start.ts)', () => {
  it('stops with one line that says what to do when the binary cannot be downloaded', async () => {
    const result = await start(['preview']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(OFFLINE_LINE);
    expect(lines[0]).toContain('run npm start again');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('installing the Electron binary');
    expect(result.stdout).not.toContain('"args"'); // electron-vite never ran
  }, 30_000);

  it('names npm run dev when started for development', async () => {
    const result = await start(['dev']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(OFFLINE_LINE);
    expect(result.stderr).toContain('run npm run dev again');
  }, 30_000);

  it('downloads the binary with the electron package installer, then proceeds; the next start downloads nothing', async () => {
    linkExtractor();
    const mirror = await startMirror();
    try {
      const env = { ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' };
      const first = await start(['preview'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('lead-enricher: installing the Electron binary');
      expect(first.stdout).toContain(JSON.stringify({ args: ['preview'], exec: null }));
      expect(mirror.requests).toContain(
        `/v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`,
      );
      // What electron-vite reads to find the binary, written by install.js.
      expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe(EXECUTABLE);
      expect(existsSync(join(electronDir, 'dist', EXECUTABLE))).toBe(true);

      const asked = mirror.requests.length;
      const second = await start(['preview'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).not.toContain('installing');
      expect(mirror.requests).toHaveLength(asked);
    } finally {
      mirror.server.close();
    }
  }, 30_000);

  it('says the binary could not be installed when the download worked but unpacking failed', async () => {
    const mirror = await startMirror(); // and no zip extractor in this project
    try {
      const result = await start(['preview'], {
        ELECTRON_MIRROR: mirror.url,
        electron_use_remote_checksums: '1',
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(
          /^lead-enricher: the Electron binary could not be installed \(Cannot find module '@electron-internal\/extract-zip'.*\)\. Connect once and run npm start again, or set ELECTRON_MIRROR/,
        ),
      ]);
    } finally {
      mirror.server.close();
    }
  }, 30_000);

  it('keeps an installer crash to the one line too', async () => {
    const result = await start(['preview'], { ELECTRON_INSTALL_PLATFORM: 'plan9' });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^lead-enricher: the Electron binary could not be installed \(Electron builds are not available on platform: plan9\)\. Connect once/,
      ),
    ]);
  }, 30_000);

  it('proceeds to electron-vite, passing its options, when the binary is installed (no download)', async () => {
    installBinary();
    const result = await start(['dev', '--logLevel', 'warn']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // electron-vite reads path.txt itself: nothing is put in its way.
    expect(JSON.parse(result.stdout.trim())).toEqual({ args: ['dev', '--logLevel', 'warn'], exec: null });
  }, 30_000);

  it('uses a binary named by ELECTRON_OVERRIDE_DIST_PATH without running the installer', async () => {
    const dist = join(project, 'my-electron');
    writeFile(join(dist, EXECUTABLE), '');
    const result = await start(['preview'], { ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ args: ['preview'], exec: join(dist, EXECUTABLE) });
  }, 30_000);

  it('refuses an unknown command', async () => {
    const result = await start(['build']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'lead-enricher: usage: tsx scripts/start.ts preview|dev [electron-vite options]',
    );
  }, 30_000);
});
