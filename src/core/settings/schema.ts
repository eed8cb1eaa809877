// The app's settings: shape, defaults and validation. Pure, so it is tested without Electron; the
// Electron shell keeps them with electron-store and encrypts the secrets with safeStorage.
import { z } from 'zod';
import { DEFAULT_VERIFIED_THRESHOLD } from '../classify';
import { DEFAULT_NATIONALIZE_URL, DEFAULT_REUSE_ANSWERS_DAYS, webhookUrlProblem } from '../config';
import { DEFAULT_SCHEDULE, parseSchedule } from '../sync/scheduler';

export const SETTINGS_VERSION = 2;

/** A secret at rest: encrypted by the OS (safeStorage), or in clear only after the person agreed. */
export const storedSecret = z.object({ enc: z.enum(['os', 'plain']), data: z.string().min(1) });
export type StoredSecret = z.infer<typeof storedSecret>;

const schedule = z.string().refine(
  (s) => {
    try {
      parseSchedule(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'give minutes between runs (like 5) or a cron expression (like */15 9-18 * * 1-5)' },
);

const webhookUrl = z.string().refine((url) => webhookUrlProblem(url) === null, {
  message: 'must be https (plain http only to this computer)',
});

/** Each section validates on its own, so one broken value is reset without losing the others. */
export const sections = {
  database: z.object({
    mode: z.enum(['local', 'uri']).default('local'),
    uri: storedSecret.nullable().default(null),
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, - and _ only (60 at most)')
      .default('lead_enricher'),
  }),
  nationalize: z.object({
    baseUrl: z.url().default(DEFAULT_NATIONALIZE_URL),
    apiKey: storedSecret.nullable().default(null),
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Days an answer is used again instead of asking the API (0: always ask). */
    reuseAnswersDays: z.number().int().min(0).max(3650).default(DEFAULT_REUSE_ANSWERS_DAYS),
  }),
  verifiedThreshold: z.number().min(0).max(1).default(DEFAULT_VERIFIED_THRESHOLD),
  sync: z.object({ enabled: z.boolean().default(true), schedule: schedule.default(DEFAULT_SCHEDULE) }),
  crm: z.object({
    mode: z.enum(['simulated', 'webhook']).default('simulated'),
    webhookUrl: webhookUrl.nullable().default(null),
    webhookSecret: storedSecret.nullable().default(null),
  }),
  allowPlaintextSecrets: z.boolean().default(false),
  firstRunDone: z.boolean().default(false),
} as const;

export type SectionName = keyof typeof sections;
export type Settings = { version: number } & { [K in SectionName]: z.output<(typeof sections)[K]> };

export const SECTION_NAMES = Object.keys(sections) as SectionName[];

/** What parsing a missing section starts from: {} for objects, undefined for plain values. */
export function defaultInput(name: SectionName): unknown {
  return sections[name] instanceof z.ZodObject ? {} : undefined;
}

export function defaultSettings(): Settings {
  const out: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const name of SECTION_NAMES) out[name] = sections[name].parse(defaultInput(name));
  return out as Settings;
}
