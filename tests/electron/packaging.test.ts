// The electron-builder configuration, loaded and validated by electron-builder's own loader (what
// `npm run dist` does before it downloads anything), and the icons it points at.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

const ROOT = resolve(import.meta.dirname, '../..');

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debug: { isEnabled: boolean; add(): void }): Promise<void>;
}

// The loader of the app-builder-lib that this electron-builder runs, not whichever copy a test would find.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config',
) as ConfigModule;

/** A platform's `target`: a name, a { target } object, or a list of either. */
function targetNames(target: unknown): string[] {
  const list: unknown[] = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : (entry as { target: string }).target));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

describe('electron-builder configuration', () => {
  const noDebug = { isEnabled: false, add() {} };

  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(config, noDebug)).resolves.toBeUndefined();
    // …which does catch a misspelt option.
    const misspelt = { ...config, nsis: { ...config.nsis, oneclick: false } } as Configuration;
    await expect(validateConfiguration(misspelt, noDebug)).rejects.toThrow(/configuration.nsis/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('io.leadenricher.app');
    expect(config.productName).toBe('Lead Enricher');
  });

  it('builds AppImage and deb on Linux, an NSIS installer on Windows, a dmg on macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('installs on Windows for the current user, asking for no administrator rights', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(config.nsis?.selectPerMachineByDefault).not.toBe(true);
  });

  it('packs only the build and the run-time dependencies, in an asar', () => {
    expect(config.asar).toBe(true);
    const patterns = (config.files as Array<string | { filter: string[] }>).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : entry.filter,
    );
    expect(patterns.filter((pattern) => !pattern.startsWith('!'))).toEqual(['out/**/*']);
    // The renderer's libraries are in its bundle already; the test database is not for users.
    expect(patterns).toContain('!node_modules/@jongodb{,/**/*}');
    expect(patterns).toContain('!node_modules/{react,react-dom,scheduler,flag-icons}{,/**/*}');
  });

  it('flips exactly these Electron fuses', () => {
    const { resetAdHocDarwinSignature, ...fuses } = config.electronFuses ?? {};
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(resetAdHocDarwinSignature).toBe(true);
  });

  it('points every platform at icons that exist, at the sizes their names say', () => {
    expect(config.directories?.buildResources).toBe('build');
    for (const icon of [config.win?.icon, config.mac?.icon]) {
      expect(icon).toBe('build/icon.png');
      expect(pngSize(join(ROOT, icon!))).toEqual([1024, 1024]);
    }
    const linuxIcons = join(ROOT, config.linux!.icon!);
    const files = readdirSync(linuxIcons).sort((a, b) => parseInt(a) - parseInt(b));
    expect(files).toEqual([16, 24, 32, 48, 64, 128, 256, 512].map((n) => `${n}x${n}.png`));
    for (const file of files) {
      const n = parseInt(file);
      expect(pngSize(join(linuxIcons, file))).toEqual([n, n]);
    }
    expect(existsSync(join(ROOT, 'build/icon.svg'))).toBe(true);
  });

  it('is what npm run dist builds with, for the current OS', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      main: string;
    };
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
    expect(pkg.main).toBe('./out/main/index.js'); // inside the packed out/**
  });
});
