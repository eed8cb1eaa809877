// Configuration of the core, read from the environment (and a .env file, loaded by the caller).
import { z } from 'zod';
import type { CrmMode } from '@shared/contract';
import { DEFAULT_VERIFIED_THRESHOLD } from './classify';
import { CoreError } from './errors';
import type { NationalizeOptions } from './nationalize/client';
import { DEFAULT_SCHEDULE, parseSchedule } from './sync/scheduler';

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

/** https anywhere; plain http only to this computer (a local receiver or a tunnel). */
export function webhookUrlProblem(url: string): string | null {
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
export const DEFAULT_REUSE_ANSWERS_DAYS = 30;

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const intIn = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

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
  ANSWERS_REUSE_DAYS: intIn(0, 3650, DEFAULT_REUSE_ANSWERS_DAYS),
  RUN_LEASE_SECONDS: intIn(5, 3600, 60),
  VERIFIED_THRESHOLD: z.preprocess(
    blankToUndefined,
    z.coerce.number().min(0).max(1).default(DEFAULT_VERIFIED_THRESHOLD),
  ),
  SYNC_ENABLED: z.preprocess(blankToUndefined, z.stringbool().default(true)),
  SYNC_SCHEDULE: z.preprocess(blankToUndefined, z.string().default(DEFAULT_SCHEDULE)),
  SYNC_MAX_ATTEMPTS: intIn(1, 50, 5),
  SYNC_CLAIM_SECONDS: intIn(1, 3600, 120),
  SYNC_RETRY_BASE_SECONDS: intIn(0, 86_400, 60),
  SYNC_BATCH_SIZE: intIn(1, 100, 100),
  CRM_MODE: z.preprocess(blankToUndefined, z.enum(['simulated', 'webhook']).default('simulated')),
  CRM_WEBHOOK_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((url) => webhookUrlProblem(url) === null, {
        message: 'must be https (plain http only to this computer)',
      })
      .optional(),
  ),
  CRM_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(8, 'must be at least 8 characters').optional(),
  ),
});

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
  if (e.CRM_MODE === 'webhook' && (!e.CRM_WEBHOOK_URL || !e.CRM_WEBHOOK_SECRET)) {
    throw new ConfigError('Invalid setting CRM_MODE: webhook needs CRM_WEBHOOK_URL and CRM_WEBHOOK_SECRET');
  }
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
