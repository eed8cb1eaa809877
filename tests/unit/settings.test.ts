import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import { CoreError } from '../../src/core/errors';
import { redactSecrets, redactUri } from '../../src/core/redact';
import { loadSettings } from '../../src/core/settings/migrate';
import { defaultSettings, SETTINGS_VERSION } from '../../src/core/settings/schema';
import { NO_SECRET_BOX, SettingsService, seedFromEnv } from '../../src/core/settings/service';
import { MemorySettingsStorage } from '../../src/bridge/memorySettings';
import { fakeSafeStorage } from '../support/secretBox';

const ATLAS = 'mongodb+srv://sales:Hunter2-secret@cluster0.example.net/leads?retryWrites=true';

describe('settings schema and migrations', () => {
  it('has a default for everything: a first launch uses the local database', () => {
    expect(defaultSettings()).toEqual({
      version: SETTINGS_VERSION,
      database: { mode: 'local', uri: null, name: 'lead_enricher' },
      nationalize: {
        baseUrl: 'https://api.nationalize.io',
        apiKey: null,
        concurrency: 4,
        reuseAnswersDays: 30,
        minSampleCount: 10,
        gender: false,
        age: false,
      },
      verifiedThreshold: 0.6,
      sync: {
        enabled: true,
        schedule: '5',
        mode: 'automatic',
        claimSeconds: 120,
        deliveryTimeoutSeconds: 15,
      },
      crm: {
        mode: 'simulated',
        keepExistingValues: false,
        webhookUrl: null,
        webhookSecret: null,
        hubspot: { baseUrl: 'https://api.hubapi.com', token: null, idProperty: 'lead_enricher_id' },
        pipedrive: { baseUrl: 'https://api.pipedrive.com', apiToken: null },
        salesforce: {
          instanceUrl: null,
          accessToken: null,
          object: 'Lead',
          externalIdField: 'Lead_Enricher_Id__c',
        },
      },
      allowPlaintextSecrets: false,
      firstRunDone: false,
    });
    expect(loadSettings(undefined)).toMatchObject({ problems: [], changed: false });
  });

  it("upgrades the first release's stored object (sync choices only) and keeps its values", () => {
    const loaded = loadSettings({ sync: { enabled: false, schedule: '15' } });
    expect(loaded.settings).toMatchObject({
      version: SETTINGS_VERSION,
      sync: { enabled: false, schedule: '15' },
      firstRunDone: true,
      database: { mode: 'local' },
    });
    expect(loaded).toMatchObject({ problems: [], changed: true });
  });

  it('resets a broken value to its default, says so, and keeps the others', () => {
    const loaded = loadSettings({
      version: 2,
      verifiedThreshold: 7,
      nationalize: { baseUrl: 'https://nat.example.com', concurrency: 8, apiKey: null },
      sync: { enabled: true, schedule: 'every day' },
    });
    expect(loaded.settings.verifiedThreshold).toBe(0.6);
    expect(loaded.settings.sync.schedule).toBe('5');
    expect(loaded.settings.nationalize).toEqual({
      baseUrl: 'https://nat.example.com',
      concurrency: 8,
      apiKey: null,
      reuseAnswersDays: 30,
      minSampleCount: 10,
      gender: false,
      age: false,
    });
    expect(loaded.problems).toEqual([
      'The saved Verified threshold setting was invalid (must be a number between 0 and 1, e.g. 0.6 for 60 %) and has been reset',
      expect.stringMatching(
        /^The saved sync schedule setting was invalid \(schedule: give minutes between runs/,
      ),
    ]);
    expect(loaded.changed).toBe(true);
  });
});

describe('settings service', () => {
  it('rejects an invalid value with the field named, and changes nothing', () => {
    const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage());
    const attempt = (change: Parameters<SettingsService['update']>[0]) => () => settings.update(change);
    expect(attempt({ nationalize: { concurrency: 64 } })).toThrow(
      new CoreError(
        'invalid_request',
        'Invalid setting nationalize.concurrency: must be a whole number from 1 to 32',
      ),
    );
    expect(attempt({ verifiedThreshold: -0.1 })).toThrow(/^Invalid setting verifiedThreshold: /);
    // 70 is not read as 70 %: the threshold is a probability, and the message says how to write one.
    expect(attempt({ verifiedThreshold: 70 })).toThrow(
      'Invalid setting verifiedThreshold: must be a number between 0 and 1, e.g. 0.6 for 60 %',
    );
    expect(attempt({ nationalize: { reuseAnswersDays: 1.5 } })).toThrow(
      'Invalid setting nationalize.reuseAnswersDays: must be a whole number from 0 to 3650',
    );
    expect(attempt({ database: { name: 'my leads' } })).toThrow(
      'Invalid setting database.name: letters, digits, - and _ only (60 at most)',
    );
    expect(attempt({ database: { uri: 'mongodb://u:Sup3r/S3cret@h/db' } })).toThrow(
      /^Invalid setting database.uri: the password contains characters that must be percent-encoded/,
    );
    expect(attempt({ nationalize: { baseUrl: 'http://api.nationalize.io' } })).toThrow(
      'Invalid setting nationalize.baseUrl: must be https (plain http is allowed only to this computer)',
    );
    expect(attempt({ crm: { webhookUrl: 'http://127.0.0.1.nip.io/hook' } })).toThrow(
      /^Invalid setting crm.webhookUrl: must be https/,
    );
    expect(attempt({ crm: { webhookSecret: 'short' } })).toThrow(
      'Invalid setting crm.webhookSecret: must be at least 8 characters',
    );
    expect(attempt({ database: { uri: 'postgres://x' } })).toThrow(
      'Invalid setting database.uri: a connection string starts with mongodb:// or mongodb+srv://',
    );
    expect(attempt({ database: { mode: 'uri' } })).toThrow(
      'Invalid setting database.uri: paste a connection string to use one',
    );
    expect(attempt({ crm: { webhookUrl: 'http://crm.example.com/hook' } })).toThrow(
      /^Invalid setting crm.webhookUrl: must be https/,
    );
    expect(attempt({ crm: { mode: 'webhook' } })).toThrow(
      'Invalid setting crm.mode: the webhook needs a URL and a secret',
    );
    expect(settings.settings).toEqual(defaultSettings());
  });

  it('sends the saved API key only to the address it was saved with: a new address needs the key again', () => {
    const storage = new MemorySettingsStorage();
    const settings = new SettingsService(storage, fakeSafeStorage());
    settings.update({ nationalize: { apiKey: 'key-1234567890abcd' } });
    const config = () => settings.toConfig(loadConfig({})).nationalize;
    expect(config()).toMatchObject({ baseUrl: 'https://api.nationalize.io', apiKey: 'key-1234567890abcd' });

    expect(() => settings.update({ nationalize: { baseUrl: 'https://proxy.example.com' } })).toThrow(
      new CoreError(
        'invalid_request',
        'Invalid setting nationalize.apiKey: enter the API key again for this address (the saved key is sent only to https://api.nationalize.io)',
      ),
    );
    expect(config().baseUrl).toBe('https://api.nationalize.io');
    // A wrong address is said as such, not as a key to give again.
    expect(() => settings.update({ nationalize: { baseUrl: 'http://proxy.example.com' } })).toThrow(
      'Invalid setting nationalize.baseUrl: must be https (plain http is allowed only to this computer)',
    );
    // The same address written with a trailing slash is the same address.
    settings.update({ nationalize: { baseUrl: 'https://api.nationalize.io/' } });
    expect(config().apiKey).toBe('key-1234567890abcd');

    // Given again with the new address, the key goes there (and is bound to it); cleared, it goes nowhere.
    settings.update({ nationalize: { baseUrl: 'https://proxy.example.com', apiKey: 'key-for-the-proxy' } });
    expect(config()).toMatchObject({ baseUrl: 'https://proxy.example.com', apiKey: 'key-for-the-proxy' });
    expect(JSON.stringify(storage.read())).toContain('"url":"https://proxy.example.com"');
    settings.update({ nationalize: { baseUrl: 'https://api.nationalize.io', apiKey: null } });
    expect(config()).toMatchObject({ baseUrl: 'https://api.nationalize.io', apiKey: null });
  });

  it('never opens a key for an address it was not bound to, even if the stored file says otherwise', () => {
    const box = fakeSafeStorage();
    const key = {
      enc: 'os' as const,
      data: box.encrypt('key-1234567890abcd'),
      url: 'https://api.nationalize.io',
    };
    const stored = { version: 3, nationalize: { baseUrl: 'https://evil.example.com', apiKey: key } };
    const settings = new SettingsService(new MemorySettingsStorage(stored), box);
    expect(settings.toConfig(loadConfig({})).nationalize).toMatchObject({
      baseUrl: 'https://evil.example.com',
      apiKey: null,
    });
  });

  it('binds a key saved by version 2 to the address it was saved with', () => {
    const box = fakeSafeStorage();
    const apiKey = { enc: 'os', data: box.encrypt('key-1234567890abcd') };
    const loaded = loadSettings({ version: 2, nationalize: { baseUrl: 'http://127.0.0.1:9100', apiKey } });
    expect(loaded.settings.nationalize.apiKey).toEqual({ ...apiKey, url: 'http://127.0.0.1:9100' });
    expect(loaded).toMatchObject({ problems: [], changed: true });
    const settings = new SettingsService(
      new MemorySettingsStorage({ version: 2, nationalize: { apiKey } }),
      box,
    );
    expect(settings.toConfig(loadConfig({})).nationalize.apiKey).toBe('key-1234567890abcd');
  });

  it('stores secrets sealed, never in clear, and reads them back', () => {
    const storage = new MemorySettingsStorage();
    const settings = new SettingsService(storage, fakeSafeStorage());
    settings.update({ database: { mode: 'uri', uri: ATLAS }, nationalize: { apiKey: 'key-1234567890abcd' } });
    const stored = JSON.stringify(storage.read());
    expect(stored).not.toContain('Hunter2-secret');
    expect(stored).not.toContain('key-1234567890abcd');
    expect(settings.secret('database.uri')).toBe(ATLAS);

    // A restart reads the same store.
    const again = new SettingsService(storage, fakeSafeStorage());
    expect(again.toConfig(loadConfig({}))).toMatchObject({
      mongodbUri: ATLAS,
      nationalize: { apiKey: 'key-1234567890abcd' },
    });
  });

  it('gives the renderer masks and set / not set, never a secret', () => {
    const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage());
    settings.update({
      database: { mode: 'uri', uri: ATLAS },
      nationalize: { apiKey: 'key-1234567890abcd' },
      crm: {
        mode: 'webhook',
        webhookUrl: 'https://crm.example.com/hook',
        webhookSecret: 'whsec-very-secret',
      },
    });
    const view = settings.view();
    const json = JSON.stringify(view);
    for (const secret of ['Hunter2-secret', 'key-1234567890abcd', 'whsec-very-secret'])
      expect(json).not.toContain(secret);
    expect(view.database.uri).toEqual({
      set: true,
      masked: 'mongodb+srv://sales:****@cluster0.example.net/leads?retryWrites=true',
    });
    expect(view.nationalize.apiKey).toEqual({ set: true, masked: '••••abcd' });
    expect(view.crm.webhookSecret).toEqual({ set: true, masked: '••••cret' });
    expect(view.secretStorage).toBe('encrypted');
    settings.update({ nationalize: { apiKey: null } });
    expect(settings.view().nationalize.apiKey).toEqual({ set: false, masked: null });
  });

  it('keeps CRM tokens sealed and masked, each bound to the URL it was given for', () => {
    const storage = new MemorySettingsStorage();
    const settings = new SettingsService(storage, fakeSafeStorage());
    settings.update({
      crm: {
        mode: 'hubspot',
        hubspot: { baseUrl: 'http://127.0.0.1:8123/', token: 'pat-na1-11112222-secret' },
        pipedrive: { apiToken: 'pd-token-33334444' },
        salesforce: { instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00D!sf-token-5555' },
      },
    });
    const stored = JSON.stringify(storage.read());
    for (const secret of ['pat-na1-11112222-secret', 'pd-token-33334444', '00D!sf-token-5555'])
      expect(stored).not.toContain(secret);
    const view = settings.crmView();
    expect(view.hubspot).toEqual({
      baseUrl: 'http://127.0.0.1:8123',
      token: { set: true, masked: '••••cret' },
      idProperty: 'lead_enricher_id',
    });
    expect(view.pipedrive.apiToken).toEqual({ set: true, masked: '••••4444' });
    expect(view.salesforce.accessToken).toEqual({ set: true, masked: '••••5555' });
    expect(settings.toConfig(loadConfig({})).sync.crm).toMatchObject({
      mode: 'hubspot',
      hubspot: { baseUrl: 'http://127.0.0.1:8123', token: 'pat-na1-11112222-secret' },
      pipedrive: { baseUrl: 'https://api.pipedrive.com', apiToken: 'pd-token-33334444' },
      salesforce: { instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00D!sf-token-5555' },
    });
    // A saved token never goes to another host: a new URL needs the token given again.
    expect(() => settings.update({ crm: { hubspot: { baseUrl: 'https://evil.example.com' } } })).toThrow(
      'Invalid setting crm.hubspot.token: the saved token was given for http://127.0.0.1:8123; enter it again to send it to https://evil.example.com',
    );
    settings.update({ crm: { hubspot: { baseUrl: 'https://api.hubapi.com', token: 'pat-na1-new-token' } } });
    expect(settings.toConfig(loadConfig({})).sync.crm.hubspot).toMatchObject({
      baseUrl: 'https://api.hubapi.com',
      token: 'pat-na1-new-token',
    });
    // A stored token whose URL does not match (a hand-edited file) is not used at all.
    const edited = structuredClone(storage.read()) as { crm: { pipedrive: { baseUrl: string } } };
    edited.crm.pipedrive.baseUrl = 'https://other.example.com';
    const reread = new SettingsService(new MemorySettingsStorage(edited), fakeSafeStorage());
    expect(reread.toConfig(loadConfig({})).sync.crm.pipedrive.apiToken).toBeNull();
  });

  it('previews values not yet saved for Test connection, under the same rules, saving nothing', () => {
    const storage = new MemorySettingsStorage();
    const settings = new SettingsService(storage, NO_SECRET_BOX);
    // No encryption and no consent: a preview still works (it keeps nothing).
    const preview = settings.preview(
      {
        crm: {
          mode: 'pipedrive',
          pipedrive: { baseUrl: 'http://127.0.0.1:7000', apiToken: 'pd-preview-token' },
        },
      },
      loadConfig({}),
    );
    expect(preview.sync.crm).toMatchObject({
      mode: 'pipedrive',
      pipedrive: { baseUrl: 'http://127.0.0.1:7000', apiToken: 'pd-preview-token' },
    });
    expect(storage.read()).toBeUndefined();
    expect(settings.settings.crm.mode).toBe('simulated');
    expect(() => settings.preview({ crm: { mode: 'hubspot' } }, loadConfig({}))).toThrow(
      'Invalid setting crm.mode: HubSpot needs a private app access token',
    );
  });

  it('seeds the CRM from a development .env, keeping defaults for what it leaves out', () => {
    const seed = seedFromEnv({ CRM_MODE: 'hubspot', HUBSPOT_TOKEN: 'pat-na1-from-env' });
    const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage(), seed);
    expect(settings.toConfig(loadConfig({})).sync.crm.hubspot).toEqual({
      baseUrl: 'https://api.hubapi.com',
      token: 'pat-na1-from-env',
      idProperty: 'lead_enricher_id',
    });
  });

  it('refuses a CRM mode without its credentials, and a claim lease shorter than the delivery timeout', () => {
    const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage());
    expect(() => settings.update({ crm: { mode: 'salesforce' } })).toThrow(
      'Invalid setting crm.mode: Salesforce needs an instance URL and an access token',
    );
    expect(() => settings.update({ crm: { mode: 'pipedrive' } })).toThrow(
      'Invalid setting crm.mode: Pipedrive needs an API token',
    );
    expect(() => settings.update({ sync: { claimSeconds: 10, deliveryTimeoutSeconds: 15 } })).toThrow(
      /^Invalid setting sync.claimSeconds: a claim of 10 s is shorter than the delivery timeout \(15 s\) plus 5 s/,
    );
    settings.update({ sync: { mode: 'reviewed', claimSeconds: 30, deliveryTimeoutSeconds: 20 } });
    expect(settings.syncView()).toMatchObject({
      mode: 'reviewed',
      claimSeconds: 30,
      deliveryTimeoutSeconds: 20,
    });
    expect(settings.toConfig(loadConfig({})).sync).toMatchObject({
      mode: 'reviewed',
      claimMs: 30_000,
      deliveryTimeoutMs: 20_000,
    });
  });

  it('without OS encryption, keeps secrets only after the person agrees, and says so', () => {
    const settings = new SettingsService(new MemorySettingsStorage(), NO_SECRET_BOX);
    expect(settings.view().secretStorage).toBe('needs_consent');
    expect(() => settings.update({ nationalize: { apiKey: 'key-1234567890abcd' } })).toThrow(
      'This computer offers no encrypted storage for secrets: agree to keep them unencrypted in Settings first',
    );
    settings.update({ allowPlaintextSecrets: true, nationalize: { apiKey: 'key-1234567890abcd' } });
    expect(settings.view().secretStorage).toBe('plaintext');
    expect(settings.secret('nationalize.apiKey')).toBe('key-1234567890abcd');
  });

  it('seeds a first launch from a development .env, and only a first launch', () => {
    const seed = seedFromEnv({
      MONGODB_URI: ATLAS,
      NATIONALIZE_API_KEY: 'key-1234567890abcd',
      VERIFIED_THRESHOLD: '0.7',
    });
    expect(seed).toEqual({
      database: { mode: 'uri', uri: ATLAS },
      firstRunDone: true,
      nationalize: { apiKey: 'key-1234567890abcd' },
      verifiedThreshold: 0.7,
    });
    const fresh = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage(), seed);
    expect(fresh.settings).toMatchObject({ database: { mode: 'uri' }, verifiedThreshold: 0.7 });
    const used = new SettingsService(
      new MemorySettingsStorage({ version: 3, verifiedThreshold: 0.5 }),
      fakeSafeStorage(),
      seed,
    );
    expect(used.settings).toMatchObject({ database: { mode: 'local' }, verifiedThreshold: 0.5 });
    expect(seedFromEnv({})).toBeNull();
  });
});

describe('redaction', () => {
  it('hides the password of connection strings, with or without credentials', () => {
    expect(redactUri(`failed to connect to ${ATLAS}`)).toBe(
      'failed to connect to mongodb+srv://sales:****@cluster0.example.net/leads?retryWrites=true',
    );
    expect(redactUri('mongodb://127.0.0.1:27017/leads')).toBe('mongodb://127.0.0.1:27017/leads');
    expect(redactUri('mongodb://user@host/db')).toBe('mongodb://user@host/db');
  });

  it('hides API keys and secrets in error text', () => {
    expect(redactSecrets('GET https://api.nationalize.io/?name[]=a&apikey=abcd1234 failed')).toBe(
      'GET https://api.nationalize.io/?name[]=a&apikey=**** failed',
    );
    expect(redactSecrets('signature made with whsec-very-secret', ['whsec-very-secret'])).toBe(
      'signature made with ****',
    );
  });
});
