import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/core/config';
import { serviceUrlProblem } from '../../src/core/rules';

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
      new ConfigError(
        'Invalid setting MONGODB_URI: a connection string starts with mongodb:// or mongodb+srv://',
      ),
    );
    expect(() => loadConfig({ VERIFIED_THRESHOLD: '1.5' })).toThrow(/^Invalid setting VERIFIED_THRESHOLD: /);
    expect(() => loadConfig({ NATIONALIZE_CONCURRENCY: '0' })).toThrow(
      /^Invalid setting NATIONALIZE_CONCURRENCY: /,
    );
    expect(() => loadConfig({ SYNC_ENABLED: 'perhaps' })).toThrow(/^Invalid setting SYNC_ENABLED: /);
  });

  it('accepts https services anywhere and plain http only to this computer, judged on the parsed address', () => {
    for (const url of [
      'https://crm.example.com/hook',
      'http://127.0.0.1:8080/hook',
      'http://127.1.2.3/hook',
      'http://[::1]/hook',
      'http://[0:0:0:0:0:0:0:1]:9000/hook',
      'http://localhost/hook',
      'http://LOCALHOST:3000/hook',
      'http://2130706433/hook', // 127.0.0.1 written as one number: still this computer
    ]) {
      expect(serviceUrlProblem(url), url).toBeNull();
    }
    for (const url of [
      'http://127.evil.example/hook',
      'http://127.0.0.1.nip.io/hook',
      'http://localhost.evil.example/hook',
      'http://127.0.0.1@evil.example/hook',
      'http://[::ffff:7f00:1]/hook',
      'http://crm.example.com/hook',
      'ftp://crm.example.com',
    ]) {
      expect(serviceUrlProblem(url), url).toMatch(/must be https/);
    }
    expect(serviceUrlProblem('https://user:pw@crm.example.com/hook')).toBe(
      'must not contain a user name or password',
    );
    expect(serviceUrlProblem('not a url')).toBe('is not a URL');
  });

  it('refuses a plain-http API address to another computer, and the webhook to a look-alike of 127.0.0.1', () => {
    expect(() => loadConfig({ NATIONALIZE_BASE_URL: 'http://api.nationalize.io' })).toThrow(
      'Invalid setting NATIONALIZE_BASE_URL: must be https (plain http is allowed only to this computer)',
    );
    expect(loadConfig({ NATIONALIZE_BASE_URL: 'http://127.0.0.1:9100' }).nationalize.baseUrl).toBe(
      'http://127.0.0.1:9100',
    );
    expect(() =>
      loadConfig({ CRM_WEBHOOK_URL: 'http://127.0.0.1.nip.io/hook', CRM_WEBHOOK_SECRET: 'long-enough' }),
    ).toThrow(/^Invalid setting CRM_WEBHOOK_URL: must be https/);
  });

  it('shares its limits, defaults and words with the saved settings', async () => {
    const { defaultSettings } = await import('../../src/core/settings/schema');
    const defaults = defaultSettings();
    const config = loadConfig({});
    expect(config.nationalize.concurrency).toBe(defaults.nationalize.concurrency);
    expect(config.nationalize.baseUrl).toBe(defaults.nationalize.baseUrl);
    expect(config.enrichment.reuseAnswersDays).toBe(defaults.nationalize.reuseAnswersDays);
    expect(config.verifiedThreshold).toBe(defaults.verifiedThreshold);
    expect(config.sync.schedule).toBe(defaults.sync.schedule);
    expect(config.sync.enabled).toBe(defaults.sync.enabled);
    // The same rule says the same thing, whichever way the value came.
    expect(() => loadConfig({ NATIONALIZE_CONCURRENCY: '64' })).toThrow(
      'Invalid setting NATIONALIZE_CONCURRENCY: must be a whole number from 1 to 32',
    );
    expect(() => loadConfig({ NATIONALIZE_CONCURRENCY: 'lots' })).toThrow(
      'Invalid setting NATIONALIZE_CONCURRENCY: must be a whole number from 1 to 32',
    );
    expect(() => loadConfig({ ANSWERS_REUSE_DAYS: '4000' })).toThrow(
      'Invalid setting ANSWERS_REUSE_DAYS: must be a whole number from 0 to 3650',
    );
    expect(() => loadConfig({ VERIFIED_THRESHOLD: '70' })).toThrow(
      'Invalid setting VERIFIED_THRESHOLD: must be a number between 0 and 1, e.g. 0.6 for 60 %',
    );
    expect(() => loadConfig({ MONGODB_DB: 'my db' })).toThrow(
      'Invalid setting MONGODB_DB: letters, digits, - and _ only (60 at most)',
    );
    expect(() => loadConfig({ SYNC_SCHEDULE: 'every day' })).toThrow(
      'Invalid setting SYNC_SCHEDULE: give minutes between runs (like 5) or a cron expression (like */15 9-18 * * 1-5)',
    );
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://u:Sup3r/S3cret@h/db' })).toThrow(
      /^Invalid setting MONGODB_URI: the password contains characters that must be percent-encoded/,
    );
  });
});

describe('which database a connection string opens', () => {
  it('is the one the string names; the name in Settings only when it names none', async () => {
    const { connectionDatabaseName: databaseName } = await import('../../src/core/store/connectionString');
    expect(
      databaseName('mongodb+srv://u:p@cluster0.example.net/sales?retryWrites=true', 'lead_enricher'),
    ).toBe('sales');
    expect(databaseName('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true', 'team_leads')).toBe(
      'team_leads',
    );
    expect(databaseName('mongodb://127.0.0.1:27017', 'team_leads')).toBe('team_leads');
    expect(databaseName('mongodb://127.0.0.1:27017/')).toBe('lead_enricher');
    expect(databaseName('mongodb://u:p%2Fw@h/sales%20team?authSource=admin')).toBe('sales team');
  });
});
