// Configuration of the core, read from the environment (and a .env file, loaded by the caller).
import { z } from 'zod';
import type { CrmMode } from '@shared/contract';
import type { NationalizeOptions } from './nationalize/client';
import { rules, wholeNumber } from './rules';
import { hasMongoScheme } from './store/connectionString';

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
  };
  sync: {
    enabled: boolean;
    /** Minutes between runs or a cron expression. */
    schedule: string;
    crm: { mode: CrmMode; webhookUrl: string | null; webhookSecret: string | null };
    maxAttempts: number;
    claimMs: number;
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
  VERIFIED_THRESHOLD: numberFromEnv(rules.verifiedThreshold),
  SYNC_ENABLED: fromEnv(z.stringbool().optional().pipe(rules.syncEnabled)),
  SYNC_SCHEDULE: fromEnv(rules.schedule),
  SYNC_MAX_ATTEMPTS: intIn(1, 50, 5),
  SYNC_CLAIM_SECONDS: intIn(1, 3600, 120),
  SYNC_RETRY_BASE_SECONDS: intIn(0, 86_400, 60),
  SYNC_BATCH_SIZE: intIn(1, 100, 100),
  CRM_MODE: z.preprocess(blankToUndefined, z.enum(['simulated', 'webhook']).default('simulated')),
  CRM_WEBHOOK_URL: fromEnv(rules.webhookUrl.optional()),
  CRM_WEBHOOK_SECRET: fromEnv(rules.webhookSecret.optional()),
});

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
  if (e.CRM_MODE === 'webhook' && (!e.CRM_WEBHOOK_URL || !e.CRM_WEBHOOK_SECRET)) {
    throw new ConfigError('Invalid setting CRM_MODE: webhook needs CRM_WEBHOOK_URL and CRM_WEBHOOK_SECRET');
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
    enrichment: { reuseAnswersDays: e.ANSWERS_REUSE_DAYS, leaseMs: e.RUN_LEASE_SECONDS * 1000 },
    sync: {
      enabled: e.SYNC_ENABLED,
      schedule: e.SYNC_SCHEDULE,
      crm: {
        mode: e.CRM_MODE,
        webhookUrl: e.CRM_WEBHOOK_URL ?? null,
        webhookSecret: e.CRM_WEBHOOK_SECRET ?? null,
      },
      maxAttempts: e.SYNC_MAX_ATTEMPTS,
      claimMs: e.SYNC_CLAIM_SECONDS * 1000,
      retryBaseMs: e.SYNC_RETRY_BASE_SECONDS * 1000,
      batchSize: e.SYNC_BATCH_SIZE,
    },
  };
}
