import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MongoBinaryDownloadUrl } from 'mongodb-memory-server-core/lib/util/MongoBinaryDownloadUrl.js';
import {
  LOCAL_MONGODB_VERSION,
  MONGOD_ENV_VAR,
  binaryOptions,
  findExecutableOnPath,
  findFreeLoopbackPort,
  mongoMemoryServerOptions,
  planLocalDatabase,
} from '../../src/core/localdb';

const userDataDir = join('/home/ana/.config', 'Lead Enricher');
const nothingOnPath = (): undefined => undefined;

describe('local database plan: which mongod', () => {
  it('uses the program named by LEAD_ENRICHER_MONGOD when it exists, even if one is on the PATH', () => {
    const findOnPath = vi.fn(() => '/usr/bin/mongod');
    const plan = planLocalDatabase({
      userDataDir,
      env: { [MONGOD_ENV_VAR]: '/opt/mongo/bin/mongod' },
      findOnPath,
      exists: (p) => p === '/opt/mongo/bin/mongod',
    });
    expect(plan.binary).toEqual({ kind: 'env', path: '/opt/mongo/bin/mongod' });
    expect(findOnPath).not.toHaveBeenCalled();
    expect(plan.warnings).toEqual([]);
    expect(binaryOptions(plan)).toEqual({ version: '8.2.6', systemBinary: '/opt/mongo/bin/mongod' });
  });

  it('ignores LEAD_ENRICHER_MONGOD pointing nowhere, says so, and falls back to the PATH', () => {
    const plan = planLocalDatabase({
      userDataDir,
      env: { [MONGOD_ENV_VAR]: '/nowhere/mongod' },
      findOnPath: (name) => (name === 'mongod' ? '/usr/local/bin/mongod' : undefined),
      exists: () => false,
    });
    expect(plan.binary).toEqual({ kind: 'path', path: '/usr/local/bin/mongod' });
    expect(plan.warnings).toEqual([
      'LEAD_ENRICHER_MONGOD is set to "/nowhere/mongod", which does not exist; it is ignored.',
    ]);
  });

  it('uses a mongod installed on the PATH when there is no override (a blank one counts as none)', () => {
    const findOnPath = vi.fn(() => '/usr/bin/mongod');
    const plan = planLocalDatabase({
      userDataDir,
      env: { [MONGOD_ENV_VAR]: '  ' },
      findOnPath,
      exists: () => true,
    });
    expect(findOnPath).toHaveBeenCalledWith('mongod');
    expect(plan.binary).toEqual({ kind: 'path', path: '/usr/bin/mongod' });
    expect(binaryOptions(plan)).toEqual({ version: LOCAL_MONGODB_VERSION, systemBinary: '/usr/bin/mongod' });
  });

  it('otherwise downloads the pinned version once into the app data folder', () => {
    const plan = planLocalDatabase({ userDataDir, env: {}, findOnPath: nothingOnPath, exists: () => false });
    expect(LOCAL_MONGODB_VERSION).toBe('8.2.6');
    expect(plan.binary).toEqual({
      kind: 'download',
      version: '8.2.6',
      downloadDir: join(userDataDir, 'mongodb', 'binaries'),
    });
    expect(binaryOptions(plan)).toEqual({
      version: '8.2.6',
      downloadDir: join(userDataDir, 'mongodb', 'binaries'),
      checkMD5: true,
    });
  });

  it('looks on the real PATH of the env it is given when no lookup is injected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'localdb-plan-'));
    try {
      const mongod = join(dir, 'mongod');
      writeFileSync(mongod, '#!/bin/sh\n');
      chmodSync(mongod, 0o755);
      expect(planLocalDatabase({ userDataDir, env: { PATH: dir } }).binary).toEqual({
        kind: 'path',
        path: mongod,
      });
      expect(planLocalDatabase({ userDataDir, env: { PATH: join(dir, 'empty') } }).binary.kind).toBe(
        'download',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('local database plan: data folder and arguments', () => {
  const plan = planLocalDatabase({ userDataDir, env: {}, findOnPath: nothingOnPath });

  it('keeps WiredTiger data under the user-data folder, on loopback, and never cleans it up', () => {
    expect(plan.rootDir).toBe(join(userDataDir, 'mongodb'));
    expect(plan.dbPath).toBe(join(userDataDir, 'mongodb', 'data'));
    expect(plan.ip).toBe('127.0.0.1');
    expect(plan.storageEngine).toBe('wiredTiger');
    expect(plan.stopOptions).toEqual({ doCleanup: false, force: false });
    expect(plan.args).toEqual([
      '--wiredTigerCacheSizeGB',
      '0.25',
      '--setParameter',
      'diagnosticDataCollectionEnabled=false',
    ]);
  });

  it('hands MongoMemoryServer exactly these options', () => {
    expect(mongoMemoryServerOptions(plan, 40123)).toEqual({
      instance: {
        port: 40123,
        portGeneration: false,
        ip: '127.0.0.1',
        dbPath: join(userDataDir, 'mongodb', 'data'),
        storageEngine: 'wiredTiger',
        args: ['--wiredTigerCacheSizeGB', '0.25', '--setParameter', 'diagnosticDataCollectionEnabled=false'],
        launchTimeout: 30_000,
      },
      binary: { version: '8.2.6', downloadDir: join(userDataDir, 'mongodb', 'binaries'), checkMD5: true },
      dispose: { enabled: true, cleanup: { doCleanup: false, force: false } },
    });
    // No "auth" key: the library then passes --noauth (loopback only).
    expect(mongoMemoryServerOptions(plan, 40123)).not.toHaveProperty('auth');
  });

  it('pins a version the library knows how to download for the desktop platforms', async () => {
    const url = (platform: string, arch: string, os: object): Promise<string> =>
      new MongoBinaryDownloadUrl({
        version: LOCAL_MONGODB_VERSION,
        platform,
        arch,
        os: os as never,
      }).getDownloadUrl();
    expect(await url('linux', 'x64', { os: 'linux', dist: 'debian', release: '12' })).toBe(
      'https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-debian12-8.2.6.tgz',
    );
    expect(await url('linux', 'x64', { os: 'linux', dist: 'ubuntu', release: '24.04' })).toBe(
      'https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-ubuntu2404-8.2.6.tgz',
    );
    expect(await url('darwin', 'arm64', { os: 'darwin' })).toBe(
      'https://fastdl.mongodb.org/osx/mongodb-macos-arm64-8.2.6.tgz',
    );
    expect(await url('win32', 'x64', { os: 'win32' })).toBe(
      'https://fastdl.mongodb.org/windows/mongodb-windows-x86_64-8.2.6.zip',
    );
  });
});

describe('finding mongod on the PATH', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(process.platform !== 'win32')(
    'takes the first executable file, skipping folders and non-executables',
    () => {
      dir = mkdtempSync(join(tmpdir(), 'localdb-path-'));
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => join(dir, n)) as [string, string, string, string];
      for (const x of [a, b, c, d]) mkdirSync(x);
      mkdirSync(join(a, 'mongod')); // a folder, not a program
      writeFileSync(join(b, 'mongod'), 'not executable', { mode: 0o644 });
      writeFileSync(join(c, 'mongod'), '#!/bin/sh\n', { mode: 0o755 });
      writeFileSync(join(d, 'mongod'), '#!/bin/sh\n', { mode: 0o755 });
      expect(findExecutableOnPath('mongod', { PATH: [a, '', b, c, d].join(':') }, 'linux')).toBe(
        join(c, 'mongod'),
      );
      expect(findExecutableOnPath('mongod', { PATH: [a, b].join(':') }, 'linux')).toBeUndefined();
      expect(findExecutableOnPath('mongod', {}, 'linux')).toBeUndefined();
    },
  );

  it('on Windows, tries the PATHEXT extensions with ";" between folders', () => {
    dir = mkdtempSync(join(tmpdir(), 'localdb-path-'));
    writeFileSync(join(dir, 'mongod.exe'), 'MZ');
    expect(
      findExecutableOnPath('mongod', { Path: `C:\\nowhere;${dir}`, PATHEXT: '.COM;.EXE' }, 'win32'),
    ).toBe(join(dir, 'mongod.exe'));
    expect(findExecutableOnPath('mongod', { Path: dir, PATHEXT: '.COM;.BAT' }, 'win32')).toBeUndefined();
  });
});

describe('free loopback port', () => {
  it('gives a port that can then be bound on 127.0.0.1', async () => {
    const port = await findFreeLoopbackPort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
