import { describe, expect, it, vi } from 'vitest';
import type { Logger } from 'vite';
import { quietBuildLogger } from '../../scripts/quiet-build-logger';

function fakeBase() {
  const base = {
    info: vi.fn(),
    warn: vi.fn(),
    warnOnce: vi.fn(),
    error: vi.fn(),
    clearScreen: vi.fn(),
    hasErrorLogged: vi.fn(() => false),
    hasWarned: false,
  };
  return { base, logger: quietBuildLogger(base as Logger) };
}

// What Vite 8 hands the logger for the renderer: every file in one message, coloured on a terminal.
const LIST = [
  '\u001b[2mout/renderer/\u001b[22m\u001b[32mindex.html                 \u001b[39m\u001b[1m\u001b[2m    0.97 kB\u001b[22m\u001b[1m\u001b[22m',
  'out/renderer/assets/fr-1a2b3c.svg        1.20 kB',
  'out/renderer/assets/rs-BfwKwXtn.svg    181.63 kB',
  'out/renderer/assets/index-sq1f_LNV.js  1,282.15 kB │ gzip: 80.01 kB',
  '',
].join('\n');

describe('quietBuildLogger', () => {
  it('folds the list of written files into one line before the build summary', () => {
    const { base, logger } = fakeBase();
    logger.info('vite v8.3.8 building client environment for production...');
    logger.info(LIST);
    logger.info('\u001b[32m✓ built in 1.30s\u001b[39m');
    expect(base.info.mock.calls.map(([message]) => message)).toEqual([
      'vite v8.3.8 building client environment for production...',
      '4 files written (1.5 MB)\n\u001b[32m✓ built in 1.30s\u001b[39m',
    ]);
  });

  it('keeps other lines that share a message with the list', () => {
    const { base, logger } = fakeBase();
    logger.info('out/main/index.js  118.41 kB\nsomething else');
    expect(base.info).toHaveBeenCalledExactlyOnceWith('1 file written (118.4 kB)\nsomething else', undefined);
  });

  it('passes warnings and errors through untouched', () => {
    const { base, logger } = fakeBase();
    logger.warn('(!) Some chunks are larger than 500 kB after minification.');
    logger.error('Could not resolve "./missing"', { error: null });
    expect(base.warn).toHaveBeenCalledExactlyOnceWith(
      '(!) Some chunks are larger than 500 kB after minification.',
    );
    expect(base.error).toHaveBeenCalledExactlyOnceWith('Could not resolve "./missing"', { error: null });
  });

  it('reports what the base logger has warned', () => {
    const { base, logger } = fakeBase();
    expect(logger.hasWarned).toBe(false);
    base.hasWarned = true;
    expect(logger.hasWarned).toBe(true);
  });
});
