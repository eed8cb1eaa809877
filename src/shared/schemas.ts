// The request schemas of the IPC contract, one per operation of the table in ./contract. Validated in
// one place (the core's dispatch), whichever front end calls. Every object is strict: an unknown field
// is refused with its name, never ignored.
import { z } from 'zod';
import {
  EXPORT_FORMATS,
  LEAD_SORT_FIELDS,
  LEAD_STATUSES,
  MAX_IDS,
  SYNC_STATES,
  type Channel,
} from './contract';
import { CRM_MODES, SALESFORCE_OBJECTS, SYNC_MODES } from './crm';

const id = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character hex id');
/** A failure's id: the run and the name it is about. */
const failureId = z.string().min(26).max(400);
const none = z.object({}).strict();

const columnRef = z.union([z.number().int().min(0).max(10_000), z.string().trim().min(1).max(200)]);
/** For a table: the name column (an index from 0, or a header), or a first-name and a last-name column. */
const column = z.union([columnRef, z.object({ first: columnRef, last: columnRef }).strict()]);
const enrichText = z
  .object({
    text: z.string().max(10_000_000, 'the pasted text is larger than 10 MB'),
    column: column.optional(),
  })
  .strict();

/** A paste (text) or a file the core reads (path), and optionally its name column. */
const enrichSource = z
  .object({
    text: z.string().max(10_000_000, 'the pasted text is larger than 10 MB').optional(),
    path: z.string().min(1).max(4096).optional(),
    column: column.optional(),
  })
  .strict()
  .refine((r) => (r.text === undefined) !== (r.path === undefined), 'give either a text or a file path');

/** Which leads: the table's tab, sync filter, search and a chart's click. Shared by the list, counts, export, bulk actions. */
const leadsFilterShape = {
  status: z.enum(LEAD_STATUSES).optional(),
  syncState: z.enum(SYNC_STATES).optional(),
  /** Words that start words of the name or country, case and accents ignored ("muller" finds Müller). */
  search: z.string().max(200).optional(),
  /** A chart's click: one country (ISO code), a band of the histogram's whole percents [min, max], one run. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
    .optional(),
  minPct: z.number().int().min(0).max(100).optional(),
  maxPct: z.number().int().min(0).max(100).optional(),
  runId: id.optional(),
};
export const leadsFilter = z.object(leadsFilterShape).strict();

/** Leads chosen by id (a selection), or every lead of a filter (the current view: {} is every lead). */
const leadsSelection = z
  .object({ ids: z.array(id).min(1).max(MAX_IDS).optional(), filter: leadsFilter.optional() })
  .strict()
  .refine((r) => (r.ids === undefined) !== (r.filter === undefined), 'give either ids or a filter');

/** Where an export is saved: a path the shell chose (a save dialog, the command line). */
const savePath = z.string().min(1).max(4096);

/** The current view (a filter and its sort; no filter: every lead) or a selection of leads, to export. */
export const leadsExportRequest = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    path: savePath.optional(),
    ids: z.array(id).min(1).max(MAX_IDS).optional(),
    filter: leadsFilter.optional(),
    sortBy: z.enum(LEAD_SORT_FIELDS).default('createdAt'),
    sortDir: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict()
  .refine((r) => !(r.ids && r.filter), 'give either ids or a filter');

export const failuresExportRequest = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    path: savePath.optional(),
    ids: z.array(failureId).min(1).max(MAX_IDS).optional(),
    runId: id.optional(),
  })
  .strict()
  .refine((r) => !(r.ids && r.runId), 'give either ids or a runId');

/** Where a page continues from: the opaque `next` or `prev` of the page before. */
const cursor = z.string().min(1).max(2000);

export const leadsListRequest = z
  .object({
    ...leadsFilterShape,
    sortBy: z.enum(LEAD_SORT_FIELDS).default('createdAt'),
    sortDir: z.enum(['asc', 'desc']).default('desc'),
    pageSize: z.number().int().min(1).max(500).default(50),
    /** Jump to this page (from 1; bounded, see LEADS_MAX_JUMP_ROWS). Without page or a cursor: the first page. */
    page: z.number().int().min(1).max(100_000).optional(),
    /** The page after the one whose `next` this is. */
    after: cursor.optional(),
    /** The page before the one whose `prev` this is. */
    before: cursor.optional(),
  })
  .strict()
  .refine(
    (r) => [r.page, r.after, r.before].filter((v) => v !== undefined).length <= 1,
    'give at most one of page, after and before',
  );

export const failuresListRequest = z
  .object({
    runId: id.optional(),
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(100),
  })
  .strict();

const secretInput = z.string().trim().min(1).max(2000).nullable();
const url = z.string().trim().max(2000);
const fieldName = z.string().trim().min(1).max(100);

/** A change of the CRM settings, as the renderer sends it: secrets in clear (sealed in main), null clears one. */
export const crmSettingsUpdate = z
  .object({
    mode: z.enum(CRM_MODES).optional(),
    keepExistingValues: z.boolean().optional(),
    webhookUrl: url.nullable().optional(),
    webhookSecret: secretInput.optional(),
    hubspot: z
      .object({ baseUrl: url.optional(), token: secretInput.optional(), idProperty: fieldName.optional() })
      .strict()
      .optional(),
    pipedrive: z.object({ baseUrl: url.optional(), apiToken: secretInput.optional() }).strict().optional(),
    salesforce: z
      .object({
        instanceUrl: url.nullable().optional(),
        accessToken: secretInput.optional(),
        object: z.enum(SALESFORCE_OBJECTS).optional(),
        externalIdField: fieldName.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const syncSettingsUpdate = z
  .object({
    enabled: z.boolean().optional(),
    schedule: z.string().optional(),
    mode: z.enum(SYNC_MODES).optional(),
    claimSeconds: z.number().optional(),
    deliveryTimeoutSeconds: z.number().optional(),
  })
  .strict();

/** A partial change of the settings; secrets come in clear and are sealed in the core; null clears one. */
export const settingsUpdateRequest = z
  .object({
    database: z
      .object({
        mode: z.enum(['local', 'uri']).optional(),
        uri: secretInput.optional(),
        name: z.string().optional(),
      })
      .strict()
      .optional(),
    nationalize: z
      .object({
        baseUrl: z.string().optional(),
        apiKey: secretInput.optional(),
        concurrency: z.number().optional(),
        reuseAnswersDays: z.number().optional(),
        minSampleCount: z.number().optional(),
        gender: z.boolean().optional(),
        age: z.boolean().optional(),
      })
      .strict()
      .optional(),
    verifiedThreshold: z.number().optional(),
    sync: syncSettingsUpdate.optional(),
    crm: crmSettingsUpdate.optional(),
    allowPlaintextSecrets: z.boolean().optional(),
    firstRunDone: z.boolean().optional(),
  })
  .strict();

export const requestSchemas = {
  'enrich:start': enrichText,
  'enrich:plan': enrichText,
  'enrich:review': enrichSource,
  'enrich:file': z.object({ path: z.string().min(1).max(4096), column: column.optional() }).strict(),
  'enrich:cancel': z.object({ runId: id.optional() }).strict(),
  'leads:list': leadsListRequest,
  'leads:counts': leadsFilter,
  /** Asks the API again for these leads, or every lead of a filter (the person's explicit refresh). */
  'leads:refresh': leadsSelection,
  'leads:delete': leadsSelection,
  'failures:list': failuresListRequest,
  /** These failures, or a run's, or (neither) every one; `force` asks again names the API answered. */
  'failures:retry': z
    .object({
      ids: z.array(failureId).max(MAX_IDS).optional(),
      runId: id.optional(),
      force: z.boolean().optional(),
    })
    .strict(),
  /** These failures, or all of a run's: they leave the list (the run's own counts stay). */
  'failures:dismiss': z
    .object({ ids: z.array(failureId).min(1).max(MAX_IDS).optional(), runId: id.optional() })
    .strict()
    .refine((r) => (r.ids === undefined) !== (r.runId === undefined), 'give either ids or a runId'),
  'leads:export': leadsExportRequest,
  'failures:export': failuresExportRequest,
  'overview:get': none,
  /** The saved rule, or a rule being considered (before it is saved). */
  'leads:reclassify-preview': z
    .object({
      threshold: z.number().min(0).max(1).optional(),
      minSampleCount: z.number().int().min(0).max(1_000_000).optional(),
    })
    .strict(),
  /** Always the saved rule: the one new leads are classified by. */
  'leads:reclassify': none,
  'leads:decide': z
    .object({
      ids: z.array(id).min(1).max(MAX_IDS),
      decision: z.enum(['verified', 'rejected', 'undo']),
      /** For 'verified': the country chosen (one of the candidates, or any other). */
      countryCode: z
        .string()
        .regex(/^[A-Z]{2}$/, 'is a two-letter country code')
        .optional(),
    })
    .strict(),
  'runs:list': none,
  'runs:resume': none,
  'status:get': none,
  'sync:status': none,
  'sync:now': none,
  'sync:retry-leads': z.object({ ids: z.array(id).min(1).max(MAX_IDS) }).strict(),
  'sync:counts': none,
  'sync:lead-records': z.object({ ids: z.array(id).min(1).max(500) }).strict(),
  /** These Verified leads, or every pending one (the panel's "Approve all pending"). */
  'sync:approve': z.union([
    z.object({ ids: z.array(id).min(1).max(MAX_IDS) }).strict(),
    z.object({ allPending: z.literal(true) }).strict(),
  ]),
  'sync:approve-one': z.object({ id }).strict(),
  'sync:withdraw': z.object({ ids: z.array(id).min(1).max(MAX_IDS) }).strict(),
  'sync:test-connection': none,
  'sync:create-fields': none,
  'settings:get': none,
  'settings:update': settingsUpdateRequest,
  /** Each test tries the given value, or the saved one when it is left out. */
  'settings:test-database': z.object({ uri: z.string().trim().min(1).max(2000).optional() }).strict(),
  'settings:test-api-key': z
    .object({ apiKey: z.string().trim().max(200).optional(), baseUrl: z.string().optional() })
    .strict(),
  'settings:test-webhook': z
    .object({ url: z.string().trim().max(2000).optional(), secret: z.string().max(2000).optional() })
    .strict(),
  'database:retry-local': none,
} satisfies Record<Channel, z.ZodType>;
