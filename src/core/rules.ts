// The limits, defaults and checks of the settings, each written once: the environment (config.ts) and the
// saved settings (settings/schema.ts) are both built from these, so they can never disagree. Messages are
// written to follow "Invalid setting <name>: ", for a person to read.
import { z } from 'zod';
import { DEFAULT_VERIFIED_THRESHOLD } from './classify';
import { connectionStringProblem, DEFAULT_DB_NAME } from './store/connectionString';
import { DEFAULT_SCHEDULE, scheduleProblem } from './sync/scheduler';

export const DEFAULT_NATIONALIZE_URL = 'https://api.nationalize.io';
export const DEFAULT_REUSE_ANSWERS_DAYS = 30;
export const DEFAULT_MIN_SAMPLE_COUNT = 10;

/**
 * True for this computer only, judged on the parsed host (URL.hostname), never on a prefix of the text:
 * 127.evil.example and 127.0.0.1.nip.io are names anyone can point anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // The URL parser writes every IPv4 form (127.1, 0x7f.0.0.1, 2130706433) as four decimal numbers.
  const ipv4 = /^(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(host);
  return ipv4?.[1] === '127';
}

/**
 * For every service the app sends data or credentials to (the nationalize.io API, the CRM webhook):
 * https anywhere; plain http only to this computer (a local receiver or a tunnel).
 */
export function serviceUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    return 'must be https (plain http is allowed only to this computer)';
  }
  // A URL is shown in Settings and written in logs: credentials go in their own (secret) fields.
  if (parsed.username || parsed.password) return 'must not contain a user name or password';
  return null;
}

/** Base URLs are kept without a trailing slash, so the one a token was saved with compares equal. */
export function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** Two base URLs name the same service (a trailing slash aside): a saved key may be sent to both. */
export function sameBaseUrl(a: string, b: string): boolean {
  return trimSlash(a) === trimSlash(b);
}

export const DEFAULT_SALESFORCE_API_VERSION = '62.0';
/** HubSpot internal property names: lower case letters, digits and underscores, starting with a letter. */
export const HUBSPOT_PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;
/** Salesforce API field names: letters, digits and single underscores, custom ones ending in __c. */
export const SALESFORCE_FIELD_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?:__c)?$/;

const checkedBy = (problem: (value: string) => string | null) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** A whole number in a range, with the range said in words. */
export function wholeNumber(min: number, max: number) {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const THRESHOLD_ERROR = 'must be a number between 0 and 1, e.g. 0.6 for 60 %';

export const rules = {
  nationalizeUrl: checkedBy(serviceUrlProblem).default(DEFAULT_NATIONALIZE_URL),
  /** Requests in flight to the API at most. */
  concurrency: wholeNumber(1, 32).default(4),
  /** Days an answer of the API is used again instead of asking (0: always ask). */
  reuseAnswersDays: wholeNumber(0, 3650).default(DEFAULT_REUSE_ANSWERS_DAYS),
  /** Below this many people of a name in the API's data a lead is To Check, whatever its probability. */
  minSampleCount: wholeNumber(0, 1_000_000).default(DEFAULT_MIN_SAMPLE_COUNT),
  /** A probability, not a percentage: 70 is refused with the example rather than read as 70 %. */
  verifiedThreshold: z
    .number({ error: THRESHOLD_ERROR })
    .min(0, { error: THRESHOLD_ERROR })
    .max(1, { error: THRESHOLD_ERROR })
    .default(DEFAULT_VERIFIED_THRESHOLD),
  schedule: checkedBy(scheduleProblem).default(DEFAULT_SCHEDULE),
  syncEnabled: z.boolean().default(true),
  databaseName: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, - and _ only (60 at most)')
    .default(DEFAULT_DB_NAME),
  connectionString: checkedBy(connectionStringProblem),
  webhookUrl: checkedBy(serviceUrlProblem),
  webhookSecret: z.string().min(8, 'must be at least 8 characters'),
  /** The base URL of a CRM's API (HubSpot, Pipedrive, a Salesforce instance). */
  serviceUrl: checkedBy(serviceUrlProblem),
  hubspotProperty: z
    .string()
    .regex(
      HUBSPOT_PROPERTY_NAME,
      'is a HubSpot internal property name: lower case letters, digits and _, starting with a letter',
    ),
  salesforceField: z
    .string()
    .regex(SALESFORCE_FIELD_NAME, 'is a Salesforce field API name, like Lead_Enricher_Id__c'),
  salesforceApiVersion: z
    .string()
    .regex(/^\d{2,3}\.0$/, 'is a version like 62.0')
    .refine((v) => Number(v) >= 46, 'must be 46.0 or later (sObject Collections upsert)'),
} as const;

/** The first problem of a value under a rule, in the rule's words, or null when it is fine. */
export function ruleProblem(rule: z.ZodType, value: unknown): string | null {
  const result = rule.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'is not valid');
}
