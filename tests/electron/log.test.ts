// The desktop app's log file, written by electron-log into a temporary logs folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureLog, LOG_FILE, LOG_MAX_BYTES, log, logError } from '../../src/main/log';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'lead-enricher-logs-'));
  configureLog({ folder, console: false });
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const written = (file = LOG_FILE) => readFileSync(join(folder, file), 'utf8');

describe('the log file', () => {
  it('writes timestamped lines with their level to main.log in the logs folder', () => {
    log('Settings: the saved schedule was invalid and was reset');
    logError('Closing the core failed', new Error('socket hang up'));
    const lines = written().trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] {2}Settings: the saved schedule was invalid and was reset$/,
    );
    expect(lines[1]).toMatch(/\[error\] Closing the core failed: Error: socket hang up$/);
    expect(lines.slice(2).every((line) => line.trimStart().startsWith('at '))).toBe(true); // the stack
  });

  it('redacts connection string passwords and API keys before writing', () => {
    log('Connecting to mongodb+srv://sales:Sup3rS3cret@cluster0.example.net/leads');
    logError(
      'Test API key failed',
      new Error(
        'GET https://api.nationalize.io/?name[]=ada&apikey=9f3a5c1e2b7d4a60 failed: mongodb://admin:hunter22@db:27017',
      ),
    );
    const text = written();
    expect(text).toContain('mongodb+srv://sales:****@cluster0.example.net/leads');
    expect(text).toContain('apikey=****');
    expect(text).toContain('mongodb://admin:****@db:27017');
    for (const secret of ['Sup3rS3cret', '9f3a5c1e2b7d4a60', 'hunter22']) expect(text).not.toContain(secret);
  });

  it('keeps one older file when main.log passes its size limit', () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const fill = (batch: string) => {
      for (let i = 0; i < LOG_MAX_BYTES / chunk.length; i++) log(`${batch} ${i} ${chunk}`);
    };
    fill('first');
    expect(readdirSync(folder)).toEqual([LOG_FILE]);
    log('past the limit');
    expect(readdirSync(folder).sort()).toEqual([LOG_FILE, 'main.old.log']);
    expect(statSync(join(folder, 'main.old.log')).size).toBeGreaterThan(LOG_MAX_BYTES);
    expect(written()).toMatch(/^\[[^\]]+\] \[info\] {2}past the limit\n$/);

    // The next rotation replaces the older file: there is never more than one.
    fill('second');
    log('past it again');
    expect(readdirSync(folder).sort()).toEqual([LOG_FILE, 'main.old.log']);
    expect(written('main.old.log')).toContain('second 0 ');
    expect(written('main.old.log')).not.toContain('first 0 ');
    expect(written()).toContain('past it again');
  });
});
