// The settings the person changes in the app: kept through a storage the shell provides
// (electron-store in the desktop app, memory in tests), secrets sealed by a SecretBox.
import type { SettingsUpdate, SettingsView } from '@shared/contract';
import type { CoreConfig } from '../config';
import { CoreError } from '../errors';
import { ruleProblem, rules, sameBaseUrl } from '../rules';
import { connectionStringProblem, hasMongoScheme } from '../store/connectionString';
import { loadSettings } from './migrate';
import { sections, type BoundSecret, type SectionName, type Settings, type StoredSecret } from './schema';
import { maskSecret, openSecret, sealSecret, type SecretBox } from './secrets';

export interface SettingsStorage {
  read(): unknown;
  write(settings: Settings): void;
}

export class MemorySettingsStorage implements SettingsStorage {
  constructor(private value: unknown = undefined) {}
  read(): unknown {
    return this.value;
  }
  write(settings: Settings): void {
    this.value = structuredClone(settings);
  }
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

type SecretPath = 'database.uri' | 'nationalize.apiKey' | 'crm.webhookSecret';

export class SettingsService {
  private current: Settings;
  readonly problems: string[];

  constructor(
    private readonly storage: SettingsStorage,
    private readonly box: SecretBox,
    /** First launch only (nothing stored yet): values to start from, such as a development .env. */
    seed: SettingsUpdate | null = null,
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
  update(change: SettingsUpdate): Settings {
    const next: Record<string, unknown> = { ...this.current };
    const allowPlain = change.allowPlaintextSecrets ?? this.current.allowPlaintextSecrets;
    const seal = (value: string | null | undefined, existing: StoredSecret | null): StoredSecret | null =>
      value === undefined ? existing : value === null ? null : sealSecret(this.box, value, allowPlain);

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
      else if (apiKey !== undefined) key = { ...sealSecret(this.box, apiKey, allowPlain), url: baseUrl };
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
      const { webhookSecret, ...rest } = change.crm;
      const problem = webhookSecret ? ruleProblem(rules.webhookSecret, webhookSecret) : null;
      if (problem) throw invalid('crm.webhookSecret', problem);
      next.crm = {
        ...this.current.crm,
        ...rest,
        webhookSecret: seal(webhookSecret, this.current.crm.webhookSecret),
      };
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
    if (settings.crm.mode === 'webhook' && (!settings.crm.webhookUrl || !settings.crm.webhookSecret)) {
      throw invalid('crm.mode', 'the webhook needs a URL and a secret');
    }
    this.current = settings;
    this.storage.write(settings);
    return settings;
  }

  view(): SettingsView {
    const s = this.current;
    const secret = (path: SecretPath, kind: 'uri' | 'key') => {
      const stored = this.storedSecret(path);
      return {
        set: stored !== null,
        masked: stored ? (maskSecret(this.secret(path), kind) ?? '(cannot be read on this computer)') : null,
      };
    };
    return {
      database: { mode: s.database.mode, uri: secret('database.uri', 'uri'), name: s.database.name },
      nationalize: {
        baseUrl: s.nationalize.baseUrl,
        apiKey: secret('nationalize.apiKey', 'key'),
        concurrency: s.nationalize.concurrency,
        reuseAnswersDays: s.nationalize.reuseAnswersDays,
      },
      verifiedThreshold: s.verifiedThreshold,
      sync: { ...s.sync },
      crm: {
        mode: s.crm.mode,
        webhookUrl: s.crm.webhookUrl,
        webhookSecret: secret('crm.webhookSecret', 'key'),
      },
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

  /** The core's configuration: these settings over the base (timeouts and limits from the environment). */
  toConfig(base: CoreConfig): CoreConfig {
    const s = this.current;
    return {
      ...base,
      mongodbUri: s.database.mode === 'uri' ? this.secret('database.uri') : null,
      databaseName: s.database.name,
      nationalize: {
        ...base.nationalize,
        baseUrl: s.nationalize.baseUrl,
        apiKey: this.apiKeyFor(s.nationalize.baseUrl),
        concurrency: s.nationalize.concurrency,
      },
      verifiedThreshold: s.verifiedThreshold,
      enrichment: { ...base.enrichment, reuseAnswersDays: s.nationalize.reuseAnswersDays },
      sync: {
        ...base.sync,
        enabled: s.sync.enabled,
        schedule: s.sync.schedule,
        crm: {
          mode: s.crm.mode,
          webhookUrl: s.crm.webhookUrl,
          webhookSecret: this.secret('crm.webhookSecret'),
        },
      },
    };
  }

  /** The API key in clear, only for the base URL it was saved with. */
  apiKeyFor(baseUrl: string): string | null {
    const key = this.current.nationalize.apiKey;
    return key && sameBaseUrl(key.url, baseUrl) ? openSecret(this.box, key) : null;
  }

  private storedSecret(path: SecretPath): StoredSecret | null {
    const s = this.current;
    return path === 'database.uri'
      ? s.database.uri
      : path === 'nationalize.apiKey'
        ? s.nationalize.apiKey
        : s.crm.webhookSecret;
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
  if (env.CRM_MODE === 'webhook') {
    change.crm = {
      mode: 'webhook',
      webhookUrl: env.CRM_WEBHOOK_URL ?? null,
      webhookSecret: env.CRM_WEBHOOK_SECRET ?? null,
    };
  }
  return Object.keys(change).length ? change : null;
}
