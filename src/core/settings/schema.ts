// The app's settings: shape, defaults and validation. Pure, so it is tested without Electron; the
// Electron shell keeps them with electron-store and encrypts the secrets with safeStorage.
import { z } from 'zod';
import {
  CRM_MODES,
  DEFAULT_HUBSPOT_BASE_URL,
  DEFAULT_HUBSPOT_ID_PROPERTY,
  DEFAULT_PIPEDRIVE_BASE_URL,
  DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD,
  SALESFORCE_OBJECTS,
  SYNC_MODES,
} from '@shared/crm';
import { rules } from '../rules';
import { claimLeaseProblem } from '../sync/lease';

export const SETTINGS_VERSION = 3;

/** A secret at rest: encrypted by the OS (safeStorage), or in clear only after the person agreed. */
export const storedSecret = z.object({ enc: z.enum(['os', 'plain']), data: z.string().min(1) });
export type StoredSecret = z.infer<typeof storedSecret>;
/** A key or token with the base URL it was given for: it is never sent anywhere else. */
export const boundSecret = storedSecret.extend({ url: z.string() });
export type BoundSecret = z.infer<typeof boundSecret>;

const syncSection = z
  .object({
    enabled: rules.syncEnabled,
    schedule: rules.schedule,
    mode: z.enum(SYNC_MODES).default('automatic'),
    claimSeconds: z.number().int().min(1).max(3600).default(120),
    deliveryTimeoutSeconds: z.number().int().min(1).max(300).default(15),
  })
  .superRefine((s, ctx) => {
    const problem = claimLeaseProblem(s.claimSeconds * 1000, s.deliveryTimeoutSeconds * 1000);
    if (problem) ctx.addIssue({ code: 'custom', path: ['claimSeconds'], message: problem });
  });

/** Each section validates on its own, so one broken value is reset without losing the others. */
export const sections = {
  database: z.object({
    mode: z.enum(['local', 'uri']).default('local'),
    uri: storedSecret.nullable().default(null),
    name: rules.databaseName,
  }),
  nationalize: z.object({
    baseUrl: rules.nationalizeUrl,
    apiKey: boundSecret.nullable().default(null),
    concurrency: rules.concurrency,
    reuseAnswersDays: rules.reuseAnswersDays,
    minSampleCount: rules.minSampleCount,
    gender: z.boolean().default(false),
    age: z.boolean().default(false),
  }),
  verifiedThreshold: rules.verifiedThreshold,
  sync: syncSection,
  crm: z.object({
    mode: z.enum(CRM_MODES).default('simulated'),
    keepExistingValues: z.boolean().default(false),
    webhookUrl: rules.webhookUrl.nullable().default(null),
    webhookSecret: storedSecret.nullable().default(null),
    hubspot: z
      .object({
        baseUrl: rules.serviceUrl.default(DEFAULT_HUBSPOT_BASE_URL),
        token: boundSecret.nullable().default(null),
        idProperty: rules.hubspotProperty.default(DEFAULT_HUBSPOT_ID_PROPERTY),
      })
      .prefault({}),
    pipedrive: z
      .object({
        baseUrl: rules.serviceUrl.default(DEFAULT_PIPEDRIVE_BASE_URL),
        apiToken: boundSecret.nullable().default(null),
      })
      .prefault({}),
    salesforce: z
      .object({
        instanceUrl: rules.serviceUrl.nullable().default(null),
        accessToken: boundSecret.nullable().default(null),
        object: z.enum(SALESFORCE_OBJECTS).default('Lead'),
        externalIdField: rules.salesforceField.default(DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD),
      })
      .prefault({}),
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
