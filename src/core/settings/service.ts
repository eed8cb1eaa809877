// The settings the person changes in the app: kept through a storage the shell provides
// (electron-store in the desktop app, memory for the browser preview and tests), secrets sealed by a SecretBox.
import type { SettingsUpdate, SettingsView } from '@shared/contract';
import { CRM_MODES, type CrmSettingsView, type SecretState, type SyncSettingsView } from '@shared/crm';
import type { CoreConfig } from '../config';
import { CoreError } from '../errors';
import { ruleProblem, rules, sameBaseUrl, trimSlash } from '../rules';
import { connectionStringProblem, hasMongoScheme } from '../store/connectionString';
import { loadSettings } from './migrate';
import { sections, type BoundSecret, type SectionName, type Settings, type StoredSecret } from './schema';
import { maskSecret, openSecret, sealSecret, type SecretBox } from './secrets';

/** A change of the settings, as the contract's settings:update carries it. */
export type SettingsChange = SettingsUpdate;

export interface SettingsStorage {
  read(): unknown;
  write(settings: Settings): void;
}

/** No OS encryption: secrets can be kept only in clear, after consent. */
export const NO_SECRET_BOX: SecretBox = {
  available: false,
  encrypt: () => {
    throw new Error('no encryption available');
  },
  decrypt: () => {
    throw new Error('no encryption available');
  },
};

type SecretPath =
  | 'database.uri'
  | 'nationalize.apiKey'
  | 'crm.webhookSecret'
  | 'crm.hubspot.token'
  | 'crm.pipedrive.apiToken'
  | 'crm.salesforce.accessToken';

/** The CRM connectors whose token is bound to the base URL beside it. */
const BOUND_TOKENS = [
  { section: 'hubspot', url: 'baseUrl', token: 'token' },
  { section: 'pipedrive', url: 'baseUrl', token: 'apiToken' },
  { section: 'salesforce', url: 'instanceUrl', token: 'accessToken' },
] as const;

export class SettingsService {
  private current: Settings;
  readonly problems: string[];

  constructor(
    private readonly storage: SettingsStorage,
    private readonly box: SecretBox,
    /** First launch only (nothing stored yet): values to start from, such as a development .env. */
    seed: SettingsChange | null = null,
  ) {
    const stored = storage.read();
    const loaded = loadSettings(stored);
    this.current = loaded.settings;
    this.problems = loaded.problems;
    if (loaded.changed) storage.write(this.current);
    if (stored === undefined && seed) {
      try {
        this.update(seed);
      } catch (err) {
        this.problems.push(`A starting value from the environment was ignored: ${(err as Error).message}`);
      }
    }
  }

  get settings(): Settings {
    return this.current;
  }

  secret(path: SecretPath): string | null {
    return openSecret(this.box, this.storedSecret(path));
  }

  /** Validates a change (naming the field that is wrong), seals its secrets, saves it. */
  update(change: SettingsChange): Settings {
    const allowPlain = change.allowPlaintextSecrets ?? this.current.allowPlaintextSecrets;
    const settings = this.apply(change, (text) => sealSecret(this.box, text, allowPlain));
    this.current = settings;
    this.storage.write(settings);
    return settings;
  }

  /**
   * The configuration these settings would give with this change, without saving it: for Test
   * connection with values not yet saved. The same rules apply (a saved token never goes to a new URL).
   */
  preview(change: SettingsChange, base: CoreConfig): CoreConfig {
    return this.toConfig(
      base,
      this.apply(change, (text) => ({ enc: 'plain', data: text })),
    );
  }

  /** The settings after a change, validated; secrets sealed with `sealText`. */
  private apply(change: SettingsChange, sealText: (text: string) => StoredSecret): Settings {
    const next: Record<string, unknown> = { ...this.current };
    const seal = (value: string | null | undefined, existing: StoredSecret | null): StoredSecret | null =>
      value === undefined ? existing : value === null ? null : sealText(value);

    if (change.database) {
      const { uri, ...rest } = change.database;
      const problem = uri ? connectionStringProblem(uri) : null;
      if (problem) throw invalid('database.uri', problem);
      next.database = { ...this.current.database, ...rest, uri: seal(uri, this.current.database.uri) };
    }
    if (change.nationalize) {
      const { apiKey, ...rest } = change.nationalize;
      const current = this.current.nationalize;
      const baseUrl = rest.baseUrl ?? current.baseUrl;
      // A wrong address is said as such first, not as a key to enter again.
      const urlProblem = ruleProblem(rules.nationalizeUrl, baseUrl);
      if (urlProblem) throw invalid('nationalize.baseUrl', urlProblem);
      let key: BoundSecret | null = current.apiKey;
      if (apiKey === null) key = null;
      else if (apiKey !== undefined) key = { ...sealText(apiKey), url: baseUrl };
      else if (key && !sameBaseUrl(key.url, baseUrl)) {
        // The saved key goes only where it was given for: a new address needs it given again.
        throw invalid(
          'nationalize.apiKey',
          `enter the API key again for this address (the saved key is sent only to ${key.url})`,
        );
      }
      next.nationalize = { ...current, ...rest, apiKey: key };
    }
    if (change.crm) {
      const problem = change.crm.webhookSecret
        ? ruleProblem(rules.webhookSecret, change.crm.webhookSecret)
        : null;
      if (problem) throw invalid('crm.webhookSecret', problem);
      next.crm = this.crmChange(change.crm, seal, (text, url) => ({ ...sealText(text), url }));
    }
    if (change.sync) next.sync = { ...this.current.sync, ...change.sync };
    for (const key of ['verifiedThreshold', 'allowPlaintextSecrets', 'firstRunDone'] as const) {
      if (change[key] !== undefined) next[key] = change[key];
    }

    const parsed: Record<string, unknown> = { version: this.current.version };
    for (const name of Object.keys(sections) as SectionName[]) {
      const result = sections[name].safeParse(next[name]);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw invalid([name, ...issue.path].join('.'), issue.message);
      }
      parsed[name] = result.data;
    }
    const settings = parsed as Settings;
    if (settings.database.mode === 'uri' && !settings.database.uri) {
      throw invalid('database.uri', 'paste a connection string to use one');
    }
    const crm = settings.crm;
    if (crm.mode === 'webhook' && (!crm.webhookUrl || !crm.webhookSecret)) {
      throw invalid('crm.mode', 'the webhook needs a URL and a secret');
    }
    if (crm.mode === 'hubspot' && !crm.hubspot.token) {
      throw invalid('crm.mode', 'HubSpot needs a private app access token');
    }
    if (crm.mode === 'pipedrive' && !crm.pipedrive.apiToken) {
      throw invalid('crm.mode', 'Pipedrive needs an API token');
    }
    if (crm.mode === 'salesforce' && (!crm.salesforce.instanceUrl || !crm.salesforce.accessToken)) {
      throw invalid('crm.mode', 'Salesforce needs an instance URL and an access token');
    }
    return settings;
  }

  /**
   * The CRM part of a change: a token keeps the base URL it was given for, and a base URL that changes
   * without its token being given again is refused (the saved token is never sent to another host).
   */
  private crmChange(
    change: NonNullable<SettingsUpdate['crm']>,
    seal: (value: string | null | undefined, existing: StoredSecret | null) => StoredSecret | null,
    sealBound: (text: string, url: string) => BoundSecret,
  ): Settings['crm'] {
    const current = this.current.crm;
    const { webhookSecret, hubspot, pipedrive, salesforce, ...rest } = change;
    const next: Record<string, unknown> = {
      ...current,
      ...rest,
      webhookSecret: seal(webhookSecret, current.webhookSecret),
    };
    const changes = { hubspot, pipedrive, salesforce } as Record<string, Record<string, unknown> | undefined>;
    for (const { section, url, token } of BOUND_TOKENS) {
      const was = current[section] as Record<string, unknown>;
      // A field left out (or undefined) keeps its saved value.
      const given = Object.fromEntries(
        Object.entries(changes[section] ?? {}).filter(([, value]) => value !== undefined),
      );
      const merged: Record<string, unknown> = { ...was, ...given };
      const baseUrl = typeof merged[url] === 'string' ? trimSlash(merged[url]) : merged[url];
      merged[url] = baseUrl;
      const newToken = given[token] as string | null | undefined;
      const saved = was[token] as BoundSecret | null;
      if (newToken === undefined) {
        if (saved && saved.url !== baseUrl) {
          throw invalid(
            `crm.${section}.${token}`,
            `the saved token was given for ${saved.url}; enter it again to send it to ${String(baseUrl)}`,
          );
        }
      } else {
        merged[token] =
          newToken === null || typeof baseUrl !== 'string' ? null : sealBound(newToken, baseUrl);
      }
      next[section] = merged;
    }
    return next as Settings['crm'];
  }

  /** The settings as the renderer may see them: secrets masked (crmView and syncView give every CRM field). */
  view(): SettingsView {
    const s = this.current;
    const secret = (path: SecretPath, kind: 'uri' | 'key') => this.secretView(path, kind);
    return {
      database: { mode: s.database.mode, uri: secret('database.uri', 'uri'), name: s.database.name },
      nationalize: {
        baseUrl: s.nationalize.baseUrl,
        apiKey: secret('nationalize.apiKey', 'key'),
        concurrency: s.nationalize.concurrency,
        reuseAnswersDays: s.nationalize.reuseAnswersDays,
        minSampleCount: s.nationalize.minSampleCount,
        gender: s.nationalize.gender,
        age: s.nationalize.age,
      },
      verifiedThreshold: s.verifiedThreshold,
      sync: this.syncView(),
      crm: this.crmView(),
      secretStorage: this.box.available
        ? 'encrypted'
        : s.allowPlaintextSecrets
          ? 'plaintext'
          : 'needs_consent',
      allowPlaintextSecrets: s.allowPlaintextSecrets,
      firstRunDone: s.firstRunDone,
      problems: [...this.problems],
    };
  }

  /** Every CRM setting, tokens masked: for Settings → CRM. */
  crmView(): CrmSettingsView {
    const c = this.current.crm;
    return {
      mode: c.mode,
      keepExistingValues: c.keepExistingValues,
      webhookUrl: c.webhookUrl,
      webhookSecret: this.secretView('crm.webhookSecret', 'key'),
      hubspot: {
        baseUrl: c.hubspot.baseUrl,
        token: this.secretView('crm.hubspot.token', 'key'),
        idProperty: c.hubspot.idProperty,
      },
      pipedrive: { baseUrl: c.pipedrive.baseUrl, apiToken: this.secretView('crm.pipedrive.apiToken', 'key') },
      salesforce: {
        instanceUrl: c.salesforce.instanceUrl,
        accessToken: this.secretView('crm.salesforce.accessToken', 'key'),
        object: c.salesforce.object,
        externalIdField: c.salesforce.externalIdField,
      },
    };
  }

  syncView(): SyncSettingsView {
    return { ...this.current.sync };
  }

  private secretView(path: SecretPath, kind: 'uri' | 'key'): SecretState {
    const stored = this.storedSecret(path);
    return {
      set: stored !== null,
      masked: stored ? (maskSecret(this.secret(path), kind) ?? '(cannot be read on this computer)') : null,
    };
  }

  /** The core's configuration: these settings over the base (timeouts and limits from the environment). */
  toConfig(base: CoreConfig, s: Settings = this.current): CoreConfig {
    return {
      ...base,
      mongodbUri: s.database.mode === 'uri' ? openSecret(this.box, s.database.uri) : null,
      databaseName: s.database.name,
      nationalize: {
        ...base.nationalize,
        baseUrl: s.nationalize.baseUrl,
        apiKey: this.apiKeyFor(s.nationalize.baseUrl),
        concurrency: s.nationalize.concurrency,
      },
      verifiedThreshold: s.verifiedThreshold,
      enrichment: {
        ...base.enrichment,
        reuseAnswersDays: s.nationalize.reuseAnswersDays,
        minSampleCount: s.nationalize.minSampleCount,
        gender: s.nationalize.gender,
        age: s.nationalize.age,
      },
      sync: {
        ...base.sync,
        enabled: s.sync.enabled,
        schedule: s.sync.schedule,
        mode: s.sync.mode,
        claimMs: s.sync.claimSeconds * 1000,
        deliveryTimeoutMs: s.sync.deliveryTimeoutSeconds * 1000,
        crm: {
          mode: s.crm.mode,
          keepExistingValues: s.crm.keepExistingValues,
          webhookUrl: s.crm.webhookUrl,
          webhookSecret: openSecret(this.box, s.crm.webhookSecret),
          hubspot: {
            baseUrl: s.crm.hubspot.baseUrl,
            token: this.boundSecret(s.crm.hubspot.token, s.crm.hubspot.baseUrl),
            idProperty: s.crm.hubspot.idProperty,
          },
          pipedrive: {
            baseUrl: s.crm.pipedrive.baseUrl,
            apiToken: this.boundSecret(s.crm.pipedrive.apiToken, s.crm.pipedrive.baseUrl),
          },
          salesforce: {
            ...base.sync.crm.salesforce,
            instanceUrl: s.crm.salesforce.instanceUrl,
            accessToken: this.boundSecret(s.crm.salesforce.accessToken, s.crm.salesforce.instanceUrl),
            object: s.crm.salesforce.object,
            externalIdField: s.crm.salesforce.externalIdField,
          },
        },
      },
    };
  }

  /** The API key in clear, only for the base URL it was saved with. */
  apiKeyFor(baseUrl: string): string | null {
    return this.boundSecret(this.current.nationalize.apiKey, baseUrl);
  }

  /** A key or token in clear, only for the URL it was saved with. */
  private boundSecret(secret: BoundSecret | null, url: string | null): string | null {
    return secret && url !== null && sameBaseUrl(secret.url, url) ? openSecret(this.box, secret) : null;
  }

  private storedSecret(path: SecretPath): StoredSecret | null {
    const { database, nationalize, crm } = this.current;
    const paths: Record<SecretPath, StoredSecret | null> = {
      'database.uri': database.uri,
      'nationalize.apiKey': nationalize.apiKey,
      'crm.webhookSecret': crm.webhookSecret,
      'crm.hubspot.token': crm.hubspot.token,
      'crm.pipedrive.apiToken': crm.pipedrive.apiToken,
      'crm.salesforce.accessToken': crm.salesforce.accessToken,
    };
    return paths[path];
  }
}

function invalid(field: string, message: string): CoreError {
  return new CoreError('invalid_request', `Invalid setting ${field}: ${message}`);
}

/** The first values from the environment (a development .env), as a settings change. */
export function seedFromEnv(env: Record<string, string | undefined>): SettingsUpdate | null {
  const change: SettingsUpdate = {};
  const uri = env.MONGODB_URI?.trim() || (env.URI && hasMongoScheme(env.URI) ? env.URI : undefined);
  // A database given this way is a choice made: the first-run screen has nothing to ask.
  if (uri) Object.assign(change, { database: { mode: 'uri', uri }, firstRunDone: true });
  if (env.NATIONALIZE_API_KEY?.trim() || env.NATIONALIZE_BASE_URL?.trim()) {
    change.nationalize = {
      ...(env.NATIONALIZE_API_KEY?.trim() ? { apiKey: env.NATIONALIZE_API_KEY.trim() } : {}),
      ...(env.NATIONALIZE_BASE_URL?.trim() ? { baseUrl: env.NATIONALIZE_BASE_URL.trim() } : {}),
    };
  }
  if (env.VERIFIED_THRESHOLD?.trim()) change.verifiedThreshold = Number(env.VERIFIED_THRESHOLD);
  const text = (name: string): string | undefined => env[name]?.trim() || undefined;
  const mode = CRM_MODES.find((m) => m === text('CRM_MODE'));
  if (mode && mode !== 'simulated') {
    change.crm = {
      mode,
      ...(mode === 'webhook'
        ? { webhookUrl: text('CRM_WEBHOOK_URL') ?? null, webhookSecret: text('CRM_WEBHOOK_SECRET') ?? null }
        : {}),
      ...(mode === 'hubspot'
        ? { hubspot: { baseUrl: text('HUBSPOT_BASE_URL'), token: text('HUBSPOT_TOKEN') ?? null } }
        : {}),
      ...(mode === 'pipedrive'
        ? {
            pipedrive: { baseUrl: text('PIPEDRIVE_BASE_URL'), apiToken: text('PIPEDRIVE_API_TOKEN') ?? null },
          }
        : {}),
      ...(mode === 'salesforce'
        ? {
            salesforce: {
              instanceUrl: text('SALESFORCE_INSTANCE_URL') ?? null,
              accessToken: text('SALESFORCE_ACCESS_TOKEN') ?? null,
              ...(text('SALESFORCE_EXTERNAL_ID_FIELD')
                ? { externalIdField: text('SALESFORCE_EXTERNAL_ID_FIELD') }
                : {}),
            },
          }
        : {}),
    };
  }
  return Object.keys(change).length ? change : null;
}
