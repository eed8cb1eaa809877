// Configuration of the core, read from the environment (and a .env file, loaded by the caller).
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
import { DEFAULT_VERIFIED_THRESHOLD } from './classify';
import { CoreError } from './errors';
import type { NationalizeOptions } from './nationalize/client';
import { claimLeaseProblem } from './sync/lease';
import { DEFAULT_SCHEDULE, parseSchedule } from './sync/scheduler';

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

export const DEFAULT_SALESFORCE_API_VERSION = '62.0';

export interface CoreConfig {
  /** null: no database configured. */
  mongodbUri: string | null;
  /** The database used when the connection string names none (MONGODB_DB, or Settings). */
  databaseName: string | null;
  nationalize: NationalizeOptions;
  verifiedThreshold: number;
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

/** For every service the app sends data or credentials to: https anywhere; plain http only to this computer. */
export function serviceUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol === 'https:') return null;
  const loopback =
    ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) || parsed.hostname.startsWith('127.');
  if (parsed.protocol === 'http:' && loopback) return null;
  return 'must be https (plain http is allowed only to this computer)';
}

export const DEFAULT_NATIONALIZE_URL = 'https://api.nationalize.io';

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const intIn = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const serviceUrl = z.preprocess(
  blankToUndefined,
  z.string().refine((url) => serviceUrlProblem(url) === null, {
    message: 'must be https (plain http only to this computer)',
  }),
);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());

/** HubSpot internal property names: lower case letters, digits and underscores, starting with a letter. */
export const HUBSPOT_PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;
export const HUBSPOT_PROPERTY_HINT =
  'is a HubSpot internal property name: lower case letters, digits and _, starting with a letter';
/** Salesforce API field names: letters, digits and single underscores, custom ones ending in __c. */
export const SALESFORCE_FIELD_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?:__c)?$/;
export const SALESFORCE_FIELD_HINT = 'is a Salesforce field API name, like Lead_Enricher_Id__c';

const envSchema = z.object({
  MONGODB_URI: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  MONGODB_DB: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,60}$/)
      .optional(),
  ),
  NATIONALIZE_BASE_URL: z.preprocess(blankToUndefined, z.url().default(DEFAULT_NATIONALIZE_URL)),
  NATIONALIZE_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  NATIONALIZE_CONCURRENCY: intIn(1, 32, 4),
  NATIONALIZE_TIMEOUT_MS: intIn(100, 120_000, 10_000),
  NATIONALIZE_MAX_ATTEMPTS: intIn(1, 10, 4),
  NATIONALIZE_MAX_WAIT_SECONDS: intIn(0, 3600, 60),
  VERIFIED_THRESHOLD: z.preprocess(
    blankToUndefined,
    z.coerce.number().min(0).max(1).default(DEFAULT_VERIFIED_THRESHOLD),
  ),
  SYNC_ENABLED: z.preprocess(blankToUndefined, z.stringbool().default(true)),
  SYNC_SCHEDULE: z.preprocess(blankToUndefined, z.string().default(DEFAULT_SCHEDULE)),
  SYNC_MAX_ATTEMPTS: intIn(1, 50, 5),
  SYNC_CLAIM_SECONDS: intIn(1, 3600, 120),
  SYNC_RETRY_BASE_SECONDS: intIn(0, 86_400, 60),
  SYNC_DELIVERY_TIMEOUT_SECONDS: intIn(1, 300, 15),
  // At most this many leads per delivery; each CRM's own limit applies too (HubSpot 100, Salesforce 200).
  SYNC_BATCH_SIZE: intIn(1, 200, 200),
  SYNC_MODE: z.preprocess(blankToUndefined, z.enum(SYNC_MODES).default('automatic')),
  CRM_MODE: z.preprocess(blankToUndefined, z.enum(CRM_MODES).default('simulated')),
  CRM_KEEP_EXISTING_VALUES: z.preprocess(blankToUndefined, z.stringbool().default(false)),
  CRM_WEBHOOK_URL: serviceUrl.optional(),
  CRM_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(8, 'must be at least 8 characters').optional(),
  ),
  HUBSPOT_BASE_URL: serviceUrl.default(DEFAULT_HUBSPOT_BASE_URL),
  HUBSPOT_TOKEN: optionalText,
  HUBSPOT_ID_PROPERTY: z.preprocess(
    blankToUndefined,
    z.string().regex(HUBSPOT_PROPERTY_NAME, HUBSPOT_PROPERTY_HINT).default(DEFAULT_HUBSPOT_ID_PROPERTY),
  ),
  PIPEDRIVE_BASE_URL: serviceUrl.default(DEFAULT_PIPEDRIVE_BASE_URL),
  PIPEDRIVE_API_TOKEN: optionalText,
  SALESFORCE_INSTANCE_URL: serviceUrl.optional(),
  SALESFORCE_ACCESS_TOKEN: optionalText,
  SALESFORCE_OBJECT: z.preprocess(blankToUndefined, z.enum(SALESFORCE_OBJECTS).default('Lead')),
  SALESFORCE_EXTERNAL_ID_FIELD: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(SALESFORCE_FIELD_NAME, SALESFORCE_FIELD_HINT)
      .default(DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD),
  ),
  SALESFORCE_API_VERSION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{2,3}\.0$/, 'is a version like 62.0')
      .refine((v) => Number(v) >= 46, 'must be 46.0 or later (sObject Collections upsert)')
      .default(DEFAULT_SALESFORCE_API_VERSION),
  ),
});

/** What each CRM mode cannot work without, as the variables that give it. */
const CRM_NEEDS: Partial<Record<CrmMode, Array<keyof z.output<typeof envSchema>>>> = {
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
  const legacyUri = env.URI?.startsWith('mongodb') ? env.URI : undefined;
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
  try {
    parseSchedule(e.SYNC_SCHEDULE);
  } catch (err) {
    throw new ConfigError(
      `Invalid setting SYNC_SCHEDULE: ${err instanceof CoreError ? err.message : String(err)}`,
    );
  }
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

/** Base URLs are kept without a trailing slash, so the one a token was saved with compares equal. */
export function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
