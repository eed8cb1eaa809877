import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, serviceUrlProblem } from '../../src/core/config';

describe('configuration from the environment', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mongodbUri: null,
      verifiedThreshold: 0.6,
      nationalize: { baseUrl: 'https://api.nationalize.io', apiKey: null, concurrency: 4 },
      sync: { enabled: true, schedule: '5', crm: { mode: 'simulated' }, batchSize: 100 },
    });
  });

  it("reads the original server's URI when MONGODB_URI is not set, but not an unrelated URI", () => {
    expect(loadConfig({ URI: 'mongodb://h/db' }).mongodbUri).toBe('mongodb://h/db');
    expect(loadConfig({ URI: 'https://example.com' }).mongodbUri).toBeNull();
    expect(loadConfig({ MONGODB_URI: '', URI: 'mongodb://h/db' }).mongodbUri).toBe('mongodb://h/db');
    expect(loadConfig({ MONGODB_URI: 'mongodb+srv://a/b', URI: 'mongodb://h/db' }).mongodbUri).toBe(
      'mongodb+srv://a/b',
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).toThrow(
      new ConfigError('Invalid setting MONGODB_URI: must start with mongodb:// or mongodb+srv://'),
    );
    expect(() => loadConfig({ VERIFIED_THRESHOLD: '1.5' })).toThrow(/^Invalid setting VERIFIED_THRESHOLD: /);
    expect(() => loadConfig({ NATIONALIZE_CONCURRENCY: '0' })).toThrow(
      /^Invalid setting NATIONALIZE_CONCURRENCY: /,
    );
    expect(() => loadConfig({ SYNC_ENABLED: 'perhaps' })).toThrow(/^Invalid setting SYNC_ENABLED: /);
  });

  it('accepts https webhooks anywhere and plain http only to this computer', () => {
    expect(serviceUrlProblem('https://crm.example.com/hook')).toBeNull();
    expect(serviceUrlProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(serviceUrlProblem('http://localhost/hook')).toBeNull();
    expect(serviceUrlProblem('http://crm.example.com/hook')).toMatch(/must be https/);
    expect(serviceUrlProblem('ftp://crm.example.com')).toMatch(/must be https/);
    expect(serviceUrlProblem('not a url')).toBe('is not a URL');
  });
});

describe('which database a connection string opens', () => {
  it('is the one the string names; the name in Settings only when it names none', async () => {
    const { databaseName } = await import('../../src/core/store/database');
    expect(
      databaseName('mongodb+srv://u:p@cluster0.example.net/sales?retryWrites=true', 'lead_enricher'),
    ).toBe('sales');
    expect(databaseName('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true', 'team_leads')).toBe(
      'team_leads',
    );
    expect(databaseName('mongodb://127.0.0.1:27017', 'team_leads')).toBe('team_leads');
    expect(databaseName('mongodb://127.0.0.1:27017/')).toBe('lead_enricher');
  });
});
