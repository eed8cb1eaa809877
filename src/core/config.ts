// Configuration of the core, read from the environment (and a .env file, loaded by the caller).
import { z } from 'zod';
import { DEFAULT_VERIFIED_THRESHOLD } from './classify';

export interface CoreConfig {
  /** null: no database configured. */
  mongodbUri: string | null;
  nationalize: {
    baseUrl: string;
    apiKey: string | null;
    concurrency: number;
    timeoutMs: number;
    maxAttempts: number;
    maxRateLimitWaitMs: number;
    backoffBaseMs?: number;
  };
  verifiedThreshold: number;
}

export const DEFAULT_NATIONALIZE_URL = 'https://api.nationalize.io';

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
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the core's configuration; a bad value is an error that names the variable. */
export function loadConfig(env: Record<string, string | undefined>): CoreConfig {
  // `URI` is what the original server read from .env; MONGODB_URI wins when both are set.
  const parsed = envSchema.safeParse({ ...env, MONGODB_URI: env.MONGODB_URI ?? env.URI });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid setting ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    mongodbUri: e.MONGODB_URI ?? null,
    nationalize: {
      baseUrl: e.NATIONALIZE_BASE_URL,
      apiKey: e.NATIONALIZE_API_KEY ?? null,
      concurrency: e.NATIONALIZE_CONCURRENCY,
      timeoutMs: e.NATIONALIZE_TIMEOUT_MS,
      maxAttempts: e.NATIONALIZE_MAX_ATTEMPTS,
      maxRateLimitWaitMs: e.NATIONALIZE_MAX_WAIT_SECONDS * 1000,
    },
    verifiedThreshold: e.VERIFIED_THRESHOLD,
  };
}
