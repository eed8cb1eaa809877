// The launcher against the real mongodb-memory-server-core, with stand-in "mongod" programs
// (shell scripts that speak just enough of mongod's log) and a local download mirror: no real
// MongoDB can be downloaded or run here.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DryMongoBinary } from 'mongodb-memory-server-core';
import type { MongoMemoryServerOpts } from 'mongodb-memory-server-core/lib/MongoMemoryServer.js';
import {
  LocalDatabase,
  LocalDbError,
  findFreeLoopbackPort,
  planLocalDatabase,
  type LocalDbProgress,
  type LocalServer,
} from '../../src/core/localdb';

const READY =
  '{"t":{"$date":"2025-05-01T10:00:00.000+00:00"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}';

type Behaviour = 'serve' | 'locked' | 'wrong-version' | 'port-taken-once' | 'missing-library';

/**
 * A stand-in mongod: answers --version like mongod 8.2.6, appends its arguments (one run per line)
 * to `record/args`, writes a file into --dbpath, and then behaves as asked. Padded past 1 MiB,
 * because the library treats a smaller downloaded "mongod" as a truncated download.
 */
function fakeMongod(record: string, behaviour: Behaviour): string {
  const lines = [
    '#!/bin/sh',
    'if [ "$1" = "--version" ]; then echo "db version v8.2.6"; exit 0; fi',
    `rec='${record}'`,
    'echo "$*" >> "$rec/args"',
    'echo $$ > "$rec/pid"',
    'dbpath=""; prev=""; for a in "$@"; do [ "$prev" = "--dbpath" ] && dbpath="$a"; prev="$a"; done',
  ];
  switch (behaviour) {
    case 'locked':
      lines.push(
        `echo '{"s":"E","c":"CONTROL","id":20557,"ctx":"initandlisten","msg":"DBException in initAndListen, terminating","attr":{"error":"DBPathInUse: Unable to lock the lock file: '"$dbpath"'/mongod.lock (Resource temporarily unavailable). Another mongod instance is already running on the '"$dbpath"' directory"}}'`,
        'exit 100',
      );
      break;
    case 'wrong-version':
      lines.push(
        `echo '{"s":"F","c":"CONTROL","id":20573,"ctx":"initandlisten","msg":"Wrong mongod version","attr":{"error":"UPGRADE PROBLEM: Found an invalid featureCompatibilityVersion document"}}'`,
        'exit 62',
      );
      break;
    case 'missing-library':
      lines.push(
        'echo "$0: error while loading shared libraries: libcrypto.so.1.1: cannot open shared object file: No such file or directory" >&2',
        'exit 127',
      );
      break;
    case 'port-taken-once':
    case 'serve':
      if (behaviour === 'port-taken-once') {
        // The first run finds its port taken; the next one serves.
        lines.push(
          'if [ ! -e "$rec/port-taken" ]; then touch "$rec/port-taken";',
          `  echo '{"s":"E","c":"NETWORK","id":23024,"ctx":"initandlisten","msg":"Error setting up listener","attr":{"error":{"code":9001,"codeName":"SocketException","errmsg":"Address already in use"}}}'; exit 48; fi`,
        );
      }
      lines.push(
        'echo data > "$dbpath/WiredTiger"',
        `trap 'echo clean > "$rec/stopped"; exit 0' INT TERM`,
        `echo '${READY}'`,
        'while true; do sleep 0.05; done',
      );
  }
  lines.push('exit 0', `#${'#'.repeat(1100 * 1024)}`);
  return lines.join('\n') + '\n';
}

let work = '';
let record = '';
let userDataDir = '';

function installFake(behaviour: Behaviour, dir = join(work, 'bin')): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'mongod');
  writeFileSync(path, fakeMongod(record, behaviour), { mode: 0o755 });
  return path;
}

function runs(): string[][] {
  if (!existsSync(join(record, 'args'))) return [];
  return readFileSync(join(record, 'args'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
}

function track(): { progress: LocalDbProgress[]; onProgress: (p: LocalDbProgress) => void } {
  const progress: LocalDbProgress[] = [];
  return { progress, onProgress: (p) => progress.push(p) };
}

/** The LocalDbError that start() rejects with (fails the test if it resolves or throws something else). */
async function startFailure(db: LocalDatabase): Promise<LocalDbError> {
  const outcome = await db.start().then(
    (value) => value,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(LocalDbError);
  return outcome as LocalDbError;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'localdb-'));
  record = join(work, 'record');
  mkdirSync(record);
  userDataDir = join(work, 'userData');
  // Never let the library reach the internet from a test, whatever the machine.
  vi.stubEnv('MONGOMS_DOWNLOAD_MIRROR', 'http://127.0.0.1:9');
  vi.stubEnv('MONGOMS_USE_HTTP', 'true');
  vi.stubEnv('MONGOMS_MAX_RETRIES', '1');
  vi.stubEnv('MONGOMS_DOWNLOAD_DIR', undefined);
  vi.stubEnv('MONGOMS_SYSTEM_BINARY', undefined);
  vi.stubEnv('MONGOMS_PREFER_GLOBAL_PATH', 'false');
});

afterEach(() => {
  vi.unstubAllEnvs();
  DryMongoBinary.binaryCache.clear();
  rmSync(work, { recursive: true, force: true });
});

describe.runIf(process.platform !== 'win32')('local database with an installed mongod (real library)', () => {
  it('starts it with the planned arguments, gives a loopback URI, and stops it cleanly keeping the data', async () => {
    const mongod = installFake('serve');
    const plan = planLocalDatabase({ userDataDir, env: { LEAD_ENRICHER_MONGOD: mongod } });
    const { progress, onProgress } = track();
    const db = new LocalDatabase(plan, { onProgress });

    const { uri } = await db.start();
    const port = Number(/^mongodb:\/\/127\.0\.0\.1:(\d+)\/$/.exec(uri)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(db.uri).toBe(uri);
    expect(runs()).toEqual([
      [
        '--port',
        String(port),
        '--dbpath',
        join(userDataDir, 'mongodb', 'data'),
        '--storageEngine',
        'wiredTiger',
        '--bind_ip',
        '127.0.0.1',
        '--noauth',
        '--wiredTigerCacheSizeGB',
        '0.25',
        '--setParameter',
        'diagnosticDataCollectionEnabled=false',
      ],
    ]);
    expect(progress.map((p) => p.phase)).toEqual(['preparing', 'starting', 'running']);
    expect(progress.at(-1)).toEqual({
      phase: 'running',
      percent: null,
      message: `The local database is running on this computer (port ${port}).`,
    });
    // Calling start() again while running changes nothing.
    expect(await db.start()).toEqual({ uri });
    expect(runs()).toHaveLength(1);

    const pid = Number(readFileSync(join(record, 'pid'), 'utf8'));
    await db.stop();
    expect(readFileSync(join(record, 'stopped'), 'utf8').trim()).toBe('clean'); // SIGINT, not SIGKILL
    expect(pidAlive(pid)).toBe(false);
    expect(readFileSync(join(userDataDir, 'mongodb', 'data', 'WiredTiger'), 'utf8').trim()).toBe('data');
    expect(db.uri).toBeNull();
    expect(db.progress).toEqual({
      phase: 'stopped',
      percent: null,
      message: 'The local database has stopped.',
    });
    await db.stop(); // a second stop is harmless
  }, 30_000);

  it('uses a mongod found on the PATH', async () => {
    const mongod = installFake('serve', join(work, 'path-bin'));
    const plan = planLocalDatabase({ userDataDir, env: { PATH: join(work, 'path-bin') } });
    expect(plan.binary).toEqual({ kind: 'path', path: mongod });
    const db = new LocalDatabase(plan);
    await db.start();
    expect(runs()[0]?.slice(2, 4)).toEqual(['--dbpath', join(userDataDir, 'mongodb', 'data')]);
    await db.stop();
  }, 30_000);

  it('says the data folder is locked by another running instance, and starts on retry once it is free', async () => {
    const mongod = installFake('locked');
    const plan = planLocalDatabase({ userDataDir, env: { LEAD_ENRICHER_MONGOD: mongod } });
    const { progress, onProgress } = track();
    const db = new LocalDatabase(plan, { onProgress });
    const failure = await startFailure(db);
    expect(failure.kind).toBe('data_locked');
    expect(failure.message).toBe(
      `The local database could not be started: its data folder "${plan.dbPath}" is in use by another MongoDB server, probably another copy of Lead Enricher that is still running. Close it (or end the leftover "mongod" process), then retry.`,
    );
    expect(progress.at(-1)).toEqual({
      phase: 'failed',
      percent: null,
      message: failure.message,
    });
    expect(db.uri).toBeNull();

    installFake('serve'); // the other instance went away
    const { uri } = await db.start();
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(progress.at(-1)?.phase).toBe('running');
    await db.stop();
  }, 30_000);

  it('says when the program fails to start or cannot open the data', async () => {
    const plan = planLocalDatabase({
      userDataDir,
      env: { LEAD_ENRICHER_MONGOD: installFake('missing-library') },
    });
    const broken = await startFailure(new LocalDatabase(plan));
    expect(broken.kind).toBe('binary_failed');
    expect(broken.message).toBe(
      `The local database could not be started: the MongoDB program "${plan.binary.kind === 'env' ? plan.binary.path : ''}" (set by LEAD_ENRICHER_MONGOD) failed to start (Instance failed to start because a library is missing or cannot be opened: "libcrypto.so.1.1"). Retry, or use a MongoDB connection string (such as Atlas) in Settings.`,
    );

    installFake('wrong-version');
    const old = await startFailure(new LocalDatabase(plan));
    expect(old.kind).toBe('data_incompatible');
    expect(old.retryable).toBe(false);
  }, 30_000);

  it('tries another port when the chosen one is taken before mongod binds it', async () => {
    const plan = planLocalDatabase({
      userDataDir,
      env: { LEAD_ENRICHER_MONGOD: installFake('port-taken-once') },
    });
    const db = new LocalDatabase(plan);
    const { uri } = await db.start();
    const [first, second] = runs();
    expect(runs()).toHaveLength(2);
    expect(second?.[1]).not.toBe(first?.[1]);
    expect(uri).toBe(`mongodb://127.0.0.1:${second?.[1]}/`);
    await db.stop();
  }, 30_000);

  it('reports a mongod that dies while running, and starts again on retry', async () => {
    const plan = planLocalDatabase({ userDataDir, env: { LEAD_ENRICHER_MONGOD: installFake('serve') } });
    const { progress, onProgress } = track();
    const db = new LocalDatabase(plan, { onProgress });
    await db.start();
    process.kill(Number(readFileSync(join(record, 'pid'), 'utf8')), 'SIGKILL');
    await vi.waitFor(() => expect(db.progress.phase).toBe('failed'), { timeout: 5000 });
    expect(progress.at(-1)?.message).toBe(
      'The local database stopped unexpectedly (signal SIGKILL). Retry to start it again, or use a MongoDB connection string (such as Atlas) in Settings.',
    );
    expect(db.uri).toBeNull();
    await db.start();
    expect(runs()).toHaveLength(2);
    await db.stop();
  }, 30_000);
});

/** A download mirror on this computer serving a stand-in MongoDB archive, slowly, with its MD5. */
async function startMirror(archive: Buffer): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const md5 = createHash('md5').update(archive).digest('hex');
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url.endsWith('.md5')) {
      const body = `${md5}  ${url
        .split('/')
        .pop()
        ?.replace(/\.md5$/, '')}\n`;
      res.writeHead(200, { 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      return;
    }
    res.writeHead(200, { 'content-length': String(archive.length) });
    const parts = 8;
    const size = Math.ceil(archive.length / parts);
    let sent = 0;
    const timer = setInterval(() => {
      res.write(archive.subarray(sent, sent + size));
      sent += size;
      if (sent >= archive.length) {
        clearInterval(timer);
        res.end();
      }
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

function buildArchive(): Buffer {
  const root = join(work, 'archive', 'mongodb-linux-test-8.2.6');
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(join(root, 'bin', 'mongod'), fakeMongod(record, 'serve'), { mode: 0o755 });
  writeFileSync(join(root, 'bin', 'mongos'), randomBytes(400 * 1024)); // bulk that gzip cannot shrink
  const file = join(work, 'mongodb.tgz');
  execFileSync('tar', ['-czf', file, '-C', join(work, 'archive'), 'mongodb-linux-test-8.2.6']);
  return readFileSync(file);
}

describe.runIf(process.platform !== 'win32')(
  'local database downloaded by the library (local mirror)',
  () => {
    const nothingOnPath = (): undefined => undefined;

    it('offline: says so with the retry/connection-string message; retry downloads once with progress, then reuses it', async () => {
      const plan = planLocalDatabase({ userDataDir, env: {}, findOnPath: nothingOnPath });
      const { progress, onProgress } = track();
      const db = new LocalDatabase(plan, { onProgress });

      // A mirror nobody answers on: the library's DownloadError, as when offline.
      vi.stubEnv('MONGOMS_DOWNLOAD_MIRROR', `http://127.0.0.1:${await findFreeLoopbackPort()}`);
      const started = Date.now();
      const offline = await startFailure(db);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(offline).toBeInstanceOf(LocalDbError);
      expect(offline.kind).toBe('download_failed');
      expect(offline.message).toBe(
        'The local database could not be started: MongoDB could not be downloaded (no internet connection?). Retry, or use a MongoDB connection string (such as Atlas) in Settings.',
      );
      expect(offline.detail).toContain('ECONNREFUSED');
      expect(progress.map((p) => p.phase)).toEqual(['preparing', 'downloading', 'failed']);
      expect(runs()).toEqual([]);

      // Back online: Retry.
      const mirror = await startMirror(buildArchive());
      try {
        vi.stubEnv('MONGOMS_DOWNLOAD_MIRROR', mirror.url);
        progress.length = 0;
        const { uri } = await db.start();
        expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
        const downloading = progress.filter((p) => p.phase === 'downloading');
        expect(downloading[0]).toEqual({
          phase: 'downloading',
          percent: null,
          message: 'Downloading MongoDB 8.2.6 (once)…',
        });
        expect(downloading.at(-1)).toEqual({
          phase: 'downloading',
          percent: 100,
          message: 'Downloading MongoDB 8.2.6 (once)… 100%',
        });
        const percents = downloading.flatMap((p) => (p.percent === null ? [] : [p.percent]));
        expect(percents.some((p) => p > 0 && p < 100)).toBe(true); // seen part-way, not only at the end
        expect(percents).toEqual([...percents].sort((a, b) => a - b));
        expect(progress.map((p) => p.phase).filter((p) => p !== 'downloading')).toEqual([
          'preparing',
          'starting',
          'running',
        ]);
        expect(mirror.requests).toHaveLength(2);
        expect(mirror.requests[0]).toMatch(/^\/\w+\/mongodb-.*8\.2\.6\.(tgz|zip)$/);
        expect(mirror.requests[1]).toBe(`${mirror.requests[0]}.md5`);

        // Downloaded into the app's data folder, and that is the program that ran.
        const binaries = join(userDataDir, 'mongodb', 'binaries');
        const [binaryName] = readdirSync(binaries).filter((f) => /^mongod-.*-8\.2\.6$/.test(f));
        expect(binaryName).toBeDefined();
        expect(runs()[0]?.slice(2, 4)).toEqual(['--dbpath', join(userDataDir, 'mongodb', 'data')]);
        await db.stop();

        // Next launch of the app: found, not downloaded again.
        DryMongoBinary.binaryCache.clear();
        const next = track();
        const again = new LocalDatabase(plan, { onProgress: next.onProgress });
        await again.start();
        expect(next.progress.map((p) => p.phase)).toEqual(['preparing', 'starting', 'running']);
        expect(mirror.requests).toHaveLength(2);
        await again.stop();
      } finally {
        await new Promise((resolve) => mirror.server.close(resolve));
      }
    }, 60_000);
  },
);

describe('local database lifecycle (injected server)', () => {
  function fakeServer(log: string[], start: () => Promise<void> = async () => undefined): LocalServer {
    return {
      start: async () => {
        log.push('start');
        await start();
      },
      stop: async (cleanup) => {
        log.push(`stop ${JSON.stringify(cleanup)}`);
        return true;
      },
      getUri: () => 'mongodb://127.0.0.1:41000/',
      onExit: () => undefined,
    };
  }

  it('shares one start between concurrent callers and waits for it before stopping', async () => {
    const log: string[] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const created: MongoMemoryServerOpts[] = [];
    const plan = planLocalDatabase({ userDataDir, env: { LEAD_ENRICHER_MONGOD: '/m' }, exists: () => true });
    const db = new LocalDatabase(plan, {
      findPort: async () => 41000,
      createServer: (options) => {
        created.push(options);
        return fakeServer(log, () => gate);
      },
    });
    const a = db.start();
    const b = db.start();
    const stopped = db.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['start']);
    release();
    expect(await a).toEqual({ uri: 'mongodb://127.0.0.1:41000/' });
    expect(await b).toEqual({ uri: 'mongodb://127.0.0.1:41000/' });
    await stopped;
    expect(log).toEqual(['start', 'stop {"doCleanup":false,"force":false}']);
    expect(created).toHaveLength(1);
    expect(created[0]?.instance?.port).toBe(41000);
    expect(created[0]?.binary).toEqual({ version: '8.2.6', systemBinary: '/m' });
  });

  it('a listener that throws does not stop the database', async () => {
    const plan = planLocalDatabase({ userDataDir, env: {}, findOnPath: () => '/m' });
    const db = new LocalDatabase(plan, {
      findPort: async () => 41001,
      createServer: () => fakeServer([]),
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    expect(await db.start()).toEqual({ uri: 'mongodb://127.0.0.1:41000/' });
    expect(db.progress.phase).toBe('running');
  });
});
