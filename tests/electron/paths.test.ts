import { describe, expect, it } from 'vitest';
import { sep } from 'node:path';
import { preloadPath, rendererTarget } from '../../src/main/paths';

describe('paths', () => {
  it('points the preload at the CommonJS bundle next to the main bundle', () => {
    expect(preloadPath.endsWith(`${sep}preload${sep}index.cjs`)).toBe(true);
  });

  it('uses the dev server only when not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    const dev = rendererTarget(false, env);
    expect(dev.devUrl).toBe('http://localhost:5173/');
    expect(dev.appOrigin).toBe('http://localhost:5173');

    const packaged = rendererTarget(true, env);
    expect(packaged.devUrl).toBeNull();
    expect(packaged.indexFile.endsWith(`${sep}renderer${sep}index.html`)).toBe(true);
    expect(packaged.appOrigin).toMatch(/^file:\/\/\/.*\/renderer\/$/);
  });

  it('loads the built file when no dev server is set', () => {
    expect(rendererTarget(false, {}).devUrl).toBeNull();
  });
});
