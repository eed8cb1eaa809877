import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, serviceUrlProblem } from '../../src/core/config';

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
      new ConfigError('Invalid setting MONGODB_URI: must start with mongodb:// or mongodb+srv://'),
    );
    expect(() => loadConfig({ VERIFIED_THRESHOLD: '1.5' })).toThrow(/^Invalid setting VERIFIED_THRESHOLD: /);
    expect(() => loadConfig({ NATIONALIZE_CONCURRENCY: '0' })).toThrow(
      /^Invalid setting NATIONALIZE_CONCURRENCY: /,
    );
    expect(() => loadConfig({ SYNC_ENABLED: 'perhaps' })).toThrow(/^Invalid setting SYNC_ENABLED: /);
  });

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
