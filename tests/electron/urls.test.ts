import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { isAppUrl, isSafeExternalUrl } from '../../src/main/urls';

describe('isSafeExternalUrl', () => {
  it.each(['https://nationalize.io/', 'http://example.com/a?b=c#d', 'HTTPS://Example.com'])(
    'accepts %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'leadenricher://open',
    'mailto:a@b.c',
    'not a url',
    '',
    '//example.com',
    'https://',
  ])('rejects %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  const rendererDir = pathToFileURL('/opt/app/out/renderer/').href;

  it('accepts files inside the renderer folder', () => {
    expect(isAppUrl(`${rendererDir}index.html`, rendererDir)).toBe(true);
    expect(isAppUrl(`${rendererDir}index.html#/failures`, rendererDir)).toBe(true);
  });

  it('rejects files outside the renderer folder, however they are spelled', () => {
    expect(isAppUrl('file:///etc/passwd', rendererDir)).toBe(false);
    expect(isAppUrl('file:///opt/app/out/renderer-evil/index.html', rendererDir)).toBe(false);
    expect(isAppUrl(`${rendererDir}../main/index.js`, rendererDir)).toBe(false);
    expect(isAppUrl(`${rendererDir}%2e%2e/main/index.js`, rendererDir)).toBe(false);
    expect(isAppUrl(`${rendererDir}..%2fmain%2findex.js`, rendererDir)).toBe(false);
    expect(isAppUrl('file://otherhost/opt/app/out/renderer/index.html', rendererDir)).toBe(false);
    expect(isAppUrl('https://opt/app/out/renderer/index.html', rendererDir)).toBe(false);
  });

  it('accepts only the dev server origin in development', () => {
    const dev = 'http://localhost:5173';
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx?x=1', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isAppUrl('file:///opt/app/out/renderer/index.html', dev)).toBe(false);
  });

  it('rejects garbage and opaque origins', () => {
    expect(isAppUrl('not a url', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('data:text/html,x', 'data:text/html,y')).toBe(false);
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
  });
});
