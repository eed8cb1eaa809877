// Configuration of the core, read from the environment (and a .env file, loaded by the caller). Each
// limit and default shared with the saved settings comes from rules.ts.
import { z } from 'zod';
import {
  CRM_MODES,
  DEFAULT_HUBSPOT_BASE_URL,
  DEFAULT_HUBSPOT_ID_PROPERTY,
  DEFAULT_PIPEDRIVE_BASE_URL,
  DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD,
  SALESFORCE_OBJECTS,
  SYNC_MODES,
  type CrmMode,
  type SalesforceObject,
  type SyncMode,
} from '@shared/crm';
import type { NationalizeOptions } from './nationalize/client';
import { DEFAULT_SALESFORCE_API_VERSION, rules, trimSlash, wholeNumber } from './rules';
import { hasMongoScheme } from './store/connectionString';
import { claimLeaseProblem } from './sync/lease';

/** Where leads go and with which credentials. A token is only ever sent to the URL beside it. */
export interface CrmConfig {
  mode: CrmMode;
  /** Fill only fields that are empty in the CRM; never overwrite a value already set there. */
  keepExistingValues: boolean;
  webhookUrl: string | null;
  webhookSecret: string | null;
  hubspot: { baseUrl: string; token: string | null; idProperty: string };
  pipedrive: { baseUrl: string; apiToken: string | null };
  salesforce: {
    instanceUrl: string | null;
    accessToken: string | null;
    object: SalesforceObject;
    externalIdField: string;
    apiVersion: string;
  };
}

export interface CoreConfig {
  /** null: no database configured. */
  mongodbUri: string | null;
  /** The database used when the connection string names none (MONGODB_DB, or Settings). */
  databaseName: string | null;
  nationalize: NationalizeOptions;
  verifiedThreshold: number;
  enrichment: {
    /** An answer of the API is used again, by any app, for this many days (0: always ask). */
    reuseAnswersDays: number;
    /** A run's lease: an app that stops renewing it for this long is taken for dead. */
    leaseMs: number;
    /** Below this sample count a lead is To Check whatever its probability. */
    minSampleCount: number;
    /** Ask genderize.io and agify.io too, for names placed in a country. */
    gender: boolean;
    age: boolean;
  };
  sync: {
    enabled: boolean;
    /** Minutes between runs or a cron expression. */
    schedule: string;
    mode: SyncMode;
    crm: CrmConfig;
    maxAttempts: number;
    /** How long a claim holds: always longer than deliveryTimeoutMs plus a margin (claimLeaseProblem). */
    claimMs: number;
    /** How long one delivery to the CRM (one batch, its waits and retries included) may take. */
    deliveryTimeoutMs: number;
    retryBaseMs: number;
    batchSize: number;
  };
}

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A variable read under a rule of rules.ts: unset or blank takes the rule's default. */
const fromEnv = <T extends z.ZodType>(rule: T) => z.preprocess(blankToUndefined, rule);
/** The same for a number: the text is read as one ("lots" fails the rule, in its words). */
const numberFromEnv = <T extends z.ZodType>(rule: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v), rule);
/** Limits that only the environment sets (timeouts, attempts, leases). */
const intIn = (min: number, max: number, fallback: number) =>
  numberFromEnv(wholeNumber(min, max).default(fallback));
const optionalText = fromEnv(z.string().trim().min(1).optional());

const envSchema = z.object({
  MONGODB_URI: fromEnv(rules.connectionString.optional()),
  // No default: without it, the connection string's own database (or Settings) decides.
  MONGODB_DB: fromEnv(rules.databaseName.unwrap().optional()),
  NATIONALIZE_BASE_URL: fromEnv(rules.nationalizeUrl),
  NATIONALIZE_API_KEY: fromEnv(z.string().optional()),
  NATIONALIZE_CONCURRENCY: numberFromEnv(rules.concurrency),
  NATIONALIZE_TIMEOUT_MS: intIn(100, 120_000, 10_000),
  NATIONALIZE_MAX_ATTEMPTS: intIn(1, 10, 4),
  NATIONALIZE_MAX_WAIT_SECONDS: intIn(0, 3600, 60),
  ANSWERS_REUSE_DAYS: numberFromEnv(rules.reuseAnswersDays),
  RUN_LEASE_SECONDS: intIn(5, 3600, 60),
  MIN_SAMPLE_COUNT: numberFromEnv(rules.minSampleCount),
  ENRICH_GENDER: fromEnv(z.stringbool().default(false)),
  ENRICH_AGE: fromEnv(z.stringbool().default(false)),
  VERIFIED_THRESHOLD: numberFromEnv(rules.verifiedThreshold),
  SYNC_ENABLED: fromEnv(z.stringbool().optional().pipe(rules.syncEnabled)),
  SYNC_SCHEDULE: fromEnv(rules.schedule),
  SYNC_MODE: fromEnv(z.enum(SYNC_MODES).default('automatic')),
  SYNC_MAX_ATTEMPTS: intIn(1, 50, 5),
  SYNC_CLAIM_SECONDS: intIn(1, 3600, 120),
  SYNC_RETRY_BASE_SECONDS: intIn(0, 86_400, 60),
  SYNC_DELIVERY_TIMEOUT_SECONDS: intIn(1, 300, 15),
  // At most this many leads per delivery; each CRM's own limit applies too (HubSpot 100, Salesforce 200).
  SYNC_BATCH_SIZE: intIn(1, 200, 200),
  CRM_MODE: fromEnv(z.enum(CRM_MODES).default('simulated')),
  CRM_KEEP_EXISTING_VALUES: fromEnv(z.stringbool().default(false)),
  CRM_WEBHOOK_URL: fromEnv(rules.webhookUrl.optional()),
  CRM_WEBHOOK_SECRET: fromEnv(rules.webhookSecret.optional()),
  HUBSPOT_BASE_URL: fromEnv(rules.serviceUrl.default(DEFAULT_HUBSPOT_BASE_URL)),
  HUBSPOT_TOKEN: optionalText,
  HUBSPOT_ID_PROPERTY: fromEnv(rules.hubspotProperty.default(DEFAULT_HUBSPOT_ID_PROPERTY)),
  PIPEDRIVE_BASE_URL: fromEnv(rules.serviceUrl.default(DEFAULT_PIPEDRIVE_BASE_URL)),
  PIPEDRIVE_API_TOKEN: optionalText,
  SALESFORCE_INSTANCE_URL: fromEnv(rules.serviceUrl.optional()),
  SALESFORCE_ACCESS_TOKEN: optionalText,
  SALESFORCE_OBJECT: fromEnv(z.enum(SALESFORCE_OBJECTS).default('Lead')),
  SALESFORCE_EXTERNAL_ID_FIELD: fromEnv(rules.salesforceField.default(DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD)),
  SALESFORCE_API_VERSION: fromEnv(rules.salesforceApiVersion.default(DEFAULT_SALESFORCE_API_VERSION)),
});

/** What each CRM needs before anything can be sent to it. */
const CRM_NEEDS: Partial<Record<CrmMode, Array<keyof z.infer<typeof envSchema>>>> = {
  webhook: ['CRM_WEBHOOK_URL', 'CRM_WEBHOOK_SECRET'],
  hubspot: ['HUBSPOT_TOKEN'],
  pipedrive: ['PIPEDRIVE_API_TOKEN'],
  salesforce: ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_ACCESS_TOKEN'],
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the core's configuration; a bad value is an error that names the variable. */
export function loadConfig(env: Record<string, string | undefined>): CoreConfig {
  // `URI` is what the original server read from .env; MONGODB_URI wins when both are set.
  const legacyUri = env.URI && hasMongoScheme(env.URI) ? env.URI : undefined;
  const parsed = envSchema.safeParse({
    ...env,
    MONGODB_URI: env.MONGODB_URI?.trim() ? env.MONGODB_URI : legacyUri,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid setting ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const missing = (CRM_NEEDS[e.CRM_MODE] ?? []).filter((name) => !e[name]);
  if (missing.length) {
    throw new ConfigError(`Invalid setting CRM_MODE: ${e.CRM_MODE} needs ${missing.join(' and ')}`);
  }
  const leaseProblem = claimLeaseProblem(e.SYNC_CLAIM_SECONDS * 1000, e.SYNC_DELIVERY_TIMEOUT_SECONDS * 1000);
  if (leaseProblem) throw new ConfigError(`Invalid setting SYNC_CLAIM_SECONDS: ${leaseProblem}`);
  return {
    mongodbUri: e.MONGODB_URI ?? null,
    databaseName: e.MONGODB_DB ?? null,
    nationalize: {
      baseUrl: e.NATIONALIZE_BASE_URL,
      apiKey: e.NATIONALIZE_API_KEY ?? null,
      concurrency: e.NATIONALIZE_CONCURRENCY,
      timeoutMs: e.NATIONALIZE_TIMEOUT_MS,
      maxAttempts: e.NATIONALIZE_MAX_ATTEMPTS,
      maxRateLimitWaitMs: e.NATIONALIZE_MAX_WAIT_SECONDS * 1000,
    },
    verifiedThreshold: e.VERIFIED_THRESHOLD,
    enrichment: {
      reuseAnswersDays: e.ANSWERS_REUSE_DAYS,
      leaseMs: e.RUN_LEASE_SECONDS * 1000,
      minSampleCount: e.MIN_SAMPLE_COUNT,
      gender: e.ENRICH_GENDER,
      age: e.ENRICH_AGE,
    },
    sync: {
      enabled: e.SYNC_ENABLED,
      schedule: e.SYNC_SCHEDULE,
      mode: e.SYNC_MODE,
      crm: {
        mode: e.CRM_MODE,
        keepExistingValues: e.CRM_KEEP_EXISTING_VALUES,
        webhookUrl: e.CRM_WEBHOOK_URL ?? null,
        webhookSecret: e.CRM_WEBHOOK_SECRET ?? null,
        hubspot: {
          baseUrl: trimSlash(e.HUBSPOT_BASE_URL),
          token: e.HUBSPOT_TOKEN ?? null,
          idProperty: e.HUBSPOT_ID_PROPERTY,
        },
        pipedrive: { baseUrl: trimSlash(e.PIPEDRIVE_BASE_URL), apiToken: e.PIPEDRIVE_API_TOKEN ?? null },
        salesforce: {
          instanceUrl: e.SALESFORCE_INSTANCE_URL ? trimSlash(e.SALESFORCE_INSTANCE_URL) : null,
          accessToken: e.SALESFORCE_ACCESS_TOKEN ?? null,
          object: e.SALESFORCE_OBJECT,
          externalIdField: e.SALESFORCE_EXTERNAL_ID_FIELD,
          apiVersion: e.SALESFORCE_API_VERSION,
        },
      },
      maxAttempts: e.SYNC_MAX_ATTEMPTS,
      claimMs: e.SYNC_CLAIM_SECONDS * 1000,
      deliveryTimeoutMs: e.SYNC_DELIVERY_TIMEOUT_SECONDS * 1000,
      retryBaseMs: e.SYNC_RETRY_BASE_SECONDS * 1000,
      batchSize: e.SYNC_BATCH_SIZE,
    },
  };
}
