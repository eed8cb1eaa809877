import { describe, expect, it } from 'vitest';
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
  const APP = 'app://lead-enricher';

  it('accepts pages of the app origin', () => {
    expect(isAppUrl(`${APP}/index.html`, APP)).toBe(true);
    expect(isAppUrl(`${APP}/index.html#/failures`, APP)).toBe(true);
    expect(isAppUrl('app://LEAD-ENRICHER/index.html', APP)).toBe(true);
  });

  it('rejects other hosts, schemes and spellings of the app origin', () => {
    expect(isAppUrl('app://x/../../etc/passwd', APP)).toBe(false);
    expect(isAppUrl('app://lead-enricher.evil/index.html', APP)).toBe(false);
    expect(isAppUrl('app://lead-enricher:8080/index.html', APP)).toBe(false);
    expect(isAppUrl('app://me@lead-enricher/index.html', APP)).toBe(false);
    expect(isAppUrl('app:lead-enricher/index.html', APP)).toBe(false);
    expect(isAppUrl('https://lead-enricher/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///opt/app/out/renderer/index.html', APP)).toBe(false);
  });

  it('never treats file:// as the app, not even the renderer folder', () => {
    const folder = 'file:///opt/app/out/renderer/';
    expect(isAppUrl(`${folder}index.html`, folder)).toBe(false);
  });

  it('accepts only the dev server origin in development', () => {
    const dev = 'http://localhost:5173';
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx?x=1', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isAppUrl('app://lead-enricher/index.html', dev)).toBe(false);
  });

  it('rejects garbage and opaque origins', () => {
    expect(isAppUrl('not a url', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('data:text/html,x', 'data:text/html,y')).toBe(false);
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
    expect(isAppUrl('app://lead-enricher/', 'app:')).toBe(false);
  });
});
