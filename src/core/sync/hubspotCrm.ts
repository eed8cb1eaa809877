// HubSpot: contacts upserted in batches of up to 100 by a unique custom property holding the lead's id,
// through the official @hubspot/api-client (its limiter spaces requests; 429s are waited out here,
// from HubSpot's rate-limit headers, within the delivery timeout). A private app access token (Bearer).
import { Client } from '@hubspot/api-client';
import type { CrmConnectionResult } from '@shared/crm';
import { redactSecrets } from '../redact';
import {
  CRM_BATCH_LIMITS,
  failAll,
  type CrmAdapter,
  type CrmLead,
  type DeliveredRecord,
  type DeliveryResult,
} from './crm';
import { Deadline, DeliveryTimeout, errorText, neverReachedServer, retryAfterMs } from './deadline';
import { valuesToWrite } from './fields';
import { deadlineAgent } from './httpAgent';

/** Contact properties the mapping writes (README: "Field mapping"). */
export const HUBSPOT_PROPERTIES = {
  firstName: 'firstname',
  lastName: 'lastname',
  country: 'country',
  countryCode: 'lead_enricher_country_code',
  probability: 'lead_enricher_probability',
  status: 'lead_enricher_status',
  gender: 'lead_enricher_gender',
  age: 'lead_enricher_age',
} as const;

/** The custom properties the app offers to create, besides the id property. */
const CUSTOM_PROPERTIES = [
  {
    name: HUBSPOT_PROPERTIES.countryCode,
    label: 'Country code (Lead Enricher)',
    type: 'string',
    fieldType: 'text',
  },
  {
    name: HUBSPOT_PROPERTIES.probability,
    label: 'Country probability (Lead Enricher)',
    type: 'number',
    fieldType: 'number',
  },
  {
    name: HUBSPOT_PROPERTIES.status,
    label: 'Lead status (Lead Enricher)',
    type: 'string',
    fieldType: 'text',
  },
  { name: HUBSPOT_PROPERTIES.gender, label: 'Gender (Lead Enricher)', type: 'string', fieldType: 'text' },
  { name: HUBSPOT_PROPERTIES.age, label: 'Age (Lead Enricher)', type: 'number', fieldType: 'number' },
] as const;

const STANDARD = new Set<string>([
  HUBSPOT_PROPERTIES.firstName,
  HUBSPOT_PROPERTIES.lastName,
  HUBSPOT_PROPERTIES.country,
]);

/** About 9 requests a second, two at a time: under the smallest burst limit (100 per 10 seconds). */
const LIMITER = { maxConcurrent: 2, minTime: 110, id: 'lead-enricher-hubspot' };

export interface HubspotOptions {
  baseUrl: string;
  token: string;
  idProperty: string;
  timeoutMs: number;
  keepExistingValues: boolean;
  log?: (line: string) => void;
}

interface Schema {
  /** Why the id property cannot be used, or null. */
  idProblem: string | null;
  /** Mapped custom properties that exist (the others are not sent). */
  present: Set<string>;
  missing: string[];
  portal: { portalId: string; uiDomain: string } | null;
}

/** An answer of HubSpot's other than 2xx, as the client reports it. */
interface HubspotHttpError {
  code: number;
  body?: { message?: string; category?: string; errors?: Array<{ message?: string }> } | null;
  headers?: Record<string, string>;
}

function httpError(err: unknown): HubspotHttpError | null {
  const e = err as Partial<HubspotHttpError> | null;
  return e && typeof e === 'object' && typeof e.code === 'number' && e.code >= 100
    ? (e as HubspotHttpError)
    : null;
}

export class HubspotCrm implements CrmAdapter {
  readonly mode = 'hubspot' as const;
  readonly maxBatchSize = CRM_BATCH_LIMITS.hubspot;
  private deadline = new Deadline(0);
  private readonly client: Client;
  private readonly contacts: Client['crm']['contacts']['batchApi'];
  private readonly properties: Client['crm']['properties'];
  private schema: Promise<Schema> | null = null;

  constructor(private readonly options: HubspotOptions) {
    this.client = new Client({
      accessToken: options.token,
      basePath: options.baseUrl,
      httpAgent: deadlineAgent(options.baseUrl, () => this.deadline),
      limiterOptions: LIMITER,
      // Its retry waits fixed times (10 s per attempt on a 429) and logs to the console; the waits here
      // follow HubSpot's headers and fit in the delivery timeout.
      numberOfApiCallRetries: 0,
    });
    // The client binds its limiter to an API when the API is first touched: bind ours now.
    this.contacts = this.client.crm.contacts.batchApi;
    this.properties = this.client.crm.properties;
  }

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    this.deadline = new Deadline(this.options.timeoutMs);
    let schema: Schema;
    try {
      schema = await this.prepare();
    } catch (err) {
      return this.failure(leads, err, false);
    }
    if (schema.idProblem) {
      this.schema = null; // looked at again next time (Test connection may have created it)
      return { delivered: [], failed: [], halt: schema.idProblem };
    }
    let existing = new Map<string, Record<string, unknown>>();
    if (this.options.keepExistingValues) {
      try {
        existing = await this.readByLeadId(
          leads.map((l) => l.id),
          this.mappedProperties(schema),
        );
      } catch (err) {
        return this.failure(leads, err, false);
      }
    }
    return this.upsert(leads, schema, existing);
  }

  async lookup(ids: readonly string[]): Promise<Map<string, DeliveredRecord>> {
    this.deadline = new Deadline(this.options.timeoutMs);
    const schema = await this.prepare();
    const found = await this.readByLeadId(ids, []);
    return new Map(
      [...found].map(([id, record]) => [
        id,
        {
          id,
          recordId: String(record.hs_object_id),
          recordUrl: this.url(schema, String(record.hs_object_id)),
        },
      ]),
    );
  }

  async testConnection(): Promise<CrmConnectionResult> {
    this.deadline = new Deadline(this.options.timeoutMs);
    this.schema = null;
    try {
      const schema = await this.prepare();
      const where = schema.portal ? `HubSpot account ${schema.portal.portalId}` : 'HubSpot';
      if (schema.idProblem) {
        return { ok: false, message: schema.idProblem, missingFields: schema.missing, canCreateFields: true };
      }
      const missing = schema.missing.length
        ? `; these properties are missing and are not sent until they exist: ${schema.missing.join(', ')}`
        : '';
      return {
        ok: true,
        message: `Connected to ${where}: contacts are upserted by ${this.options.idProperty}${missing}`,
        missingFields: schema.missing,
        canCreateFields: schema.missing.length > 0,
      };
    } catch (err) {
      return { ok: false, message: this.describe(err), missingFields: [], canCreateFields: false };
    }
  }

  /**
   * Creates the id property (unique) and the mapped custom properties that are missing. HubSpot answers
   * 409 for one that exists: that is fine.
   */
  async ensureFields(): Promise<{ created: string[]; message: string }> {
    this.deadline = new Deadline(this.options.timeoutMs);
    this.schema = null;
    const schema = await this.prepare();
    const wanted = [
      ...(schema.idProblem?.includes('has no contact property')
        ? [
            {
              name: this.options.idProperty,
              label: 'Lead Enricher ID',
              type: 'string',
              fieldType: 'text',
              hasUniqueValue: true,
            },
          ]
        : []),
      ...CUSTOM_PROPERTIES.filter((p) => schema.missing.includes(p.name)),
    ];
    if (schema.idProblem && !schema.idProblem.includes('has no contact property'))
      throw new Error(schema.idProblem);
    const created: string[] = [];
    for (const property of wanted) {
      try {
        await this.properties.coreApi.create('contacts', {
          groupName: 'contactinformation',
          description: 'Written by Lead Enricher',
          ...property,
        } as Parameters<Client['crm']['properties']['coreApi']['create']>[1]);
        created.push(property.name);
      } catch (err) {
        if (httpError(err)?.code !== 409) throw new Error(this.describe(err), { cause: err });
      }
    }
    this.schema = null;
    return {
      created,
      message: created.length
        ? `Created the contact properties ${created.join(', ')}`
        : 'Every property was already there',
    };
  }

  private async upsert(
    leads: readonly CrmLead[],
    schema: Schema,
    existing: Map<string, Record<string, unknown>>,
  ): Promise<DeliveryResult> {
    const inputs = leads.map((lead) => ({
      idProperty: this.options.idProperty,
      id: lead.id,
      objectWriteTraceId: lead.id,
      properties: this.propertiesFor(lead, schema, existing.get(lead.id) ?? null),
    }));
    let response;
    try {
      response = await this.withRateLimit(() => this.contacts.upsert({ inputs }));
    } catch (err) {
      const status = httpError(err)?.code;
      // A 400 about one contact fails the whole batch: halve it so the others still go.
      if (status === 400 && leads.length > 1 && !this.deadline.passed) {
        const half = Math.ceil(leads.length / 2);
        const [a, b] = [
          await this.upsert(leads.slice(0, half), schema, existing),
          await this.upsert(leads.slice(half), schema, existing),
        ];
        return {
          delivered: [...a.delivered, ...b.delivered],
          failed: [...a.failed, ...b.failed],
          halt: a.halt ?? b.halt,
        };
      }
      return this.failure(leads, err, true);
    }
    const delivered: DeliveredRecord[] = [];
    const seen = new Set<string>();
    for (const result of response.results ?? []) {
      const id = result.objectWriteTraceId ?? result.properties?.[this.options.idProperty];
      if (!id || seen.has(id)) continue;
      seen.add(id);
      delivered.push({ id, recordId: result.id, recordUrl: this.url(schema, result.id) });
    }
    const failed = [];
    for (const error of ('errors' in response ? response.errors : undefined) ?? []) {
      const ids = error.context?.objectWriteTraceId ?? error.context?.ids ?? [];
      const reason = `HubSpot refused the contact: ${error.message}`;
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        failed.push({ id, reason, permanent: true });
      }
    }
    for (const lead of leads) {
      if (!seen.has(lead.id)) {
        failed.push({
          id: lead.id,
          reason: 'HubSpot did not report on this contact',
          permanent: false,
          uncertain: true,
        });
      }
    }
    return { delivered, failed };
  }

  private propertiesFor(
    lead: CrmLead,
    schema: Schema,
    existing: Record<string, unknown> | null,
  ): Record<string, string> {
    const p = HUBSPOT_PROPERTIES;
    const values: Record<string, string> = {
      [p.firstName]: lead.firstName,
      [p.lastName]: lead.lastName,
      [p.country]: lead.country,
      [p.countryCode]: lead.countryCode,
      [p.probability]: String(lead.probability),
      [p.status]: lead.status,
      [p.gender]: lead.gender ?? '',
      [p.age]: lead.age === null ? '' : String(lead.age),
    };
    for (const name of Object.keys(values))
      if (!STANDARD.has(name) && !schema.present.has(name)) delete values[name];
    return valuesToWrite(values, existing, this.options.keepExistingValues) as Record<string, string>;
  }

  /** Contacts by the id property: lead id -> their properties (hs_object_id among them). */
  private async readByLeadId(
    ids: readonly string[],
    properties: string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    if (ids.length === 0) return found;
    const idProperty = this.options.idProperty;
    const response = await this.withRateLimit(() =>
      this.contacts.read({
        idProperty,
        inputs: ids.map((id) => ({ id })),
        properties: [...new Set([idProperty, ...properties])],
        propertiesWithHistory: [],
      }),
    );
    for (const result of response.results ?? []) {
      const leadId = result.properties?.[idProperty];
      if (leadId) found.set(String(leadId), { ...result.properties, hs_object_id: result.id });
    }
    return found;
  }

  private mappedProperties(schema: Schema): string[] {
    return Object.values(HUBSPOT_PROPERTIES).filter((name) => STANDARD.has(name) || schema.present.has(name));
  }

  /** What the account has of the mapping, asked once per adapter (and again after a change). */
  private prepare(): Promise<Schema> {
    this.schema ??= this.readSchema().catch((err: unknown) => {
      this.schema = null;
      throw err;
    });
    return this.schema;
  }

  private async readSchema(): Promise<Schema> {
    const names = [this.options.idProperty, ...CUSTOM_PROPERTIES.map((p) => p.name)];
    const response = await this.withRateLimit(() =>
      this.properties.batchApi.read('contacts', { archived: false, inputs: names.map((name) => ({ name })) }),
    );
    const found = new Map((response.results ?? []).map((p) => [p.name, p]));
    const idProperty = found.get(this.options.idProperty);
    const idProblem = !idProperty
      ? `HubSpot has no contact property "${this.options.idProperty}" to hold the lead id: create it with Test connection in Settings → CRM`
      : !idProperty.hasUniqueValue
        ? `The HubSpot property "${this.options.idProperty}" does not require unique values, so contacts cannot be upserted by it: use a property created with "Require unique values"`
        : null;
    const present = new Set(CUSTOM_PROPERTIES.map((p) => p.name).filter((name) => found.has(name)));
    const missing = names.filter((name) => !found.has(name));
    if (missing.length && !idProblem)
      this.options.log?.(`[CRM Sync] HubSpot has no ${missing.join(', ')}: not sent`);
    return { idProblem, present, missing, portal: await this.portal() };
  }

  /** The account's id and app domain, for record links; none when HubSpot does not say. */
  private async portal(): Promise<Schema['portal']> {
    try {
      const request = this.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
      const response = await Promise.race([
        request,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new DeliveryTimeout(5000)),
            Math.min(5000, this.deadline.remainingMs),
          ).unref(),
        ),
      ]);
      if (!response.ok) return null;
      const body = (await response.json()) as { portalId?: number | string; uiDomain?: string };
      return body.portalId
        ? { portalId: String(body.portalId), uiDomain: body.uiDomain || 'app.hubspot.com' }
        : null;
    } catch {
      return null;
    }
  }

  private url(schema: Schema, recordId: string): string | null {
    return schema.portal
      ? `https://${schema.portal.uiDomain}/contacts/${schema.portal.portalId}/record/0-1/${recordId}`
      : null;
  }

  /** A 429 is waited out once, as long as HubSpot's headers say, when that fits in the delivery timeout. */
  private async withRateLimit<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const wait = httpError(err)?.code === 429 ? rateLimitWait(httpError(err)!) : null;
      if (wait === null || !(await this.deadline.waitWithin(wait))) throw err;
      this.options.log?.(`[CRM Sync] HubSpot rate limit: waited ${Math.ceil(wait / 1000)} s`);
      return call();
    }
  }

  /** A failed call as the result for its leads: halt for the token, retryable or permanent otherwise. */
  private failure(leads: readonly CrmLead[], err: unknown, sent: boolean): DeliveryResult {
    const http = httpError(err);
    const reason = this.describe(err);
    if (http && (http.code === 401 || http.code === 403)) return { delivered: [], failed: [], halt: reason };
    if (http?.code === 429) {
      return failAll(leads, reason, { permanent: false, retryAfterMs: rateLimitWait(http) ?? undefined });
    }
    if (http)
      return failAll(leads, reason, { permanent: http.code >= 400 && http.code < 500 && http.code !== 408 });
    // No answer: a timeout or a broken connection after the upsert was sent may have applied.
    return failAll(leads, reason, { permanent: false, uncertain: sent && !neverReachedServer(err) });
  }

  private describe(err: unknown): string {
    const http = httpError(err);
    const secret = [this.options.token];
    if (!http) {
      const detail = err instanceof DeliveryTimeout ? 'timed out' : errorText(err);
      return redactSecrets(`HubSpot could not be reached at ${this.options.baseUrl} (${detail})`, secret);
    }
    const message = readableMessage(http.body?.message ?? '');
    const text =
      http.code === 401
        ? `HubSpot refused the access token (401)${message ? `: ${message}` : ''}. Check the private app token in Settings → CRM`
        : http.code === 403
          ? `HubSpot refused the request (403)${message ? `: ${message}` : ''}. The private app needs the crm.objects.contacts.read and crm.objects.contacts.write scopes (and crm.schemas.contacts.write to create properties)`
          : http.code === 429
            ? `HubSpot rate limit reached (429)${message ? `: ${message}` : ''}`
            : `HubSpot answered ${http.code}${message ? `: ${message}` : ''}`;
    return redactSecrets(text.slice(0, 500), secret);
  }
}

/** How long HubSpot asks to wait: Retry-After, else the rest of the rolling window when it is used up. */
function rateLimitWait(err: HubspotHttpError): number | null {
  const headers = Object.fromEntries(Object.entries(err.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const retry = retryAfterMs(headers['retry-after']);
  if (retry !== null) return retry;
  const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
  const remaining = Number(headers['x-hubspot-ratelimit-remaining']);
  if (Number.isFinite(interval) && interval > 0 && remaining === 0) return interval;
  const secondly = Number(headers['x-hubspot-ratelimit-secondly-remaining']);
  return secondly === 0 ? 1000 : null;
}

/** HubSpot lists invalid values as JSON in its message ("Property values were not valid: [...]"): say them plainly. */
function readableMessage(message: string): string {
  const match = /^Property values were not valid: (\[.*\])$/s.exec(message);
  if (!match) return message;
  try {
    const problems = JSON.parse(match[1]!) as Array<{ message?: string; name?: string }>;
    return `invalid values: ${problems.map((p) => `${p.message ?? 'invalid'}${p.name ? ` (${p.name})` : ''}`).join('; ')}`;
  } catch {
    return message;
  }
}
