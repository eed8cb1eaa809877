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
      sync: { enabled: true, schedule: '5', crm: { mode: 'simulated' }, batchSize: 200 },
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

describe('CRM configuration from the environment', () => {
  it('reads each CRM from its variables, and says which one a mode is missing', () => {
    const hubspot = loadConfig({
      CRM_MODE: 'hubspot',
      HUBSPOT_TOKEN: 'pat-na1-x',
      HUBSPOT_BASE_URL: 'http://127.0.0.1:9/',
    });
    expect(hubspot.sync.crm).toMatchObject({
      mode: 'hubspot',
      hubspot: { baseUrl: 'http://127.0.0.1:9', token: 'pat-na1-x', idProperty: 'lead_enricher_id' },
    });
    expect(loadConfig({}).sync.crm.hubspot.baseUrl).toBe('https://api.hubapi.com');
    expect(loadConfig({}).sync.crm.pipedrive.baseUrl).toBe('https://api.pipedrive.com');
    expect(
      loadConfig({
        CRM_MODE: 'salesforce',
        SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com',
        SALESFORCE_ACCESS_TOKEN: '00D!token',
        SALESFORCE_OBJECT: 'Contact',
        SALESFORCE_EXTERNAL_ID_FIELD: 'Lead_Id__c',
      }).sync.crm.salesforce,
    ).toEqual({
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: '00D!token',
      object: 'Contact',
      externalIdField: 'Lead_Id__c',
      apiVersion: '62.0',
    });
    expect(() => loadConfig({ CRM_MODE: 'pipedrive' })).toThrow(
      'Invalid setting CRM_MODE: pipedrive needs PIPEDRIVE_API_TOKEN',
    );
    expect(() => loadConfig({ CRM_MODE: 'salesforce', SALESFORCE_ACCESS_TOKEN: 'x' })).toThrow(
      'Invalid setting CRM_MODE: salesforce needs SALESFORCE_INSTANCE_URL',
    );
    expect(() => loadConfig({ CRM_MODE: 'zoho' })).toThrow(/^Invalid setting CRM_MODE: /);
    expect(() => loadConfig({ HUBSPOT_BASE_URL: 'http://api.hubapi.com' })).toThrow(
      /^Invalid setting HUBSPOT_BASE_URL: must be https/,
    );
    expect(() => loadConfig({ SALESFORCE_EXTERNAL_ID_FIELD: 'Lead Id' })).toThrow(
      /^Invalid setting SALESFORCE_EXTERNAL_ID_FIELD: is a Salesforce field API name/,
    );
    expect(() => loadConfig({ SALESFORCE_API_VERSION: '45.0' })).toThrow(/must be 46.0 or later/);
  });

  it('refuses a claim lease that does not outlive the delivery timeout plus a margin, saying why', () => {
    expect(loadConfig({ SYNC_CLAIM_SECONDS: '20', SYNC_DELIVERY_TIMEOUT_SECONDS: '15' }).sync).toMatchObject({
      claimMs: 20_000,
      deliveryTimeoutMs: 15_000,
    });
    expect(() => loadConfig({ SYNC_CLAIM_SECONDS: '19', SYNC_DELIVERY_TIMEOUT_SECONDS: '15' })).toThrow(
      'Invalid setting SYNC_CLAIM_SECONDS: a claim of 19 s is shorter than the delivery timeout (15 s) plus 5 s ' +
        'to record the outcome: another app could take the leads and send them again while this one is still ' +
        'sending them. Use at least 20 s',
    );
    expect(() => loadConfig({ SYNC_CLAIM_SECONDS: '60', SYNC_DELIVERY_TIMEOUT_SECONDS: '120' })).toThrow(
      /^Invalid setting SYNC_CLAIM_SECONDS: a claim of 60 s/,
    );
  });
});
