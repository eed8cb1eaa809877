import { describe, expect, it } from 'vitest';
import { sep } from 'node:path';
import { preloadPath, rendererTarget } from '../../src/main/paths';

describe('paths', () => {
  it('points the preload at the CommonJS bundle next to the main bundle', () => {
    expect(preloadPath.endsWith(`${sep}preload${sep}index.cjs`)).toBe(true);
  });

  it('uses the dev server only when not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererTarget(false, env)).toEqual({
      url: 'http://localhost:5173/',
      rendererDir: null,
      appOrigin: 'http://localhost:5173',
    });

    const packaged = rendererTarget(true, env);
    expect(packaged.url).toBe('app://lead-enricher/index.html');
    expect(packaged.appOrigin).toBe('app://lead-enricher');
    expect(packaged.rendererDir!.endsWith(`${sep}renderer`)).toBe(true);
  });

  it('serves the built renderer on app:// when no dev server is set', () => {
    const target = rendererTarget(false, {});
    expect(target.url).toBe('app://lead-enricher/index.html');
    expect(target.rendererDir).not.toBeNull();
  });
});
