// Salesforce: Leads or Contacts upserted by an External Id field holding the lead's id, up to 200 per
// call, through sObject Collections (PATCH /services/data/vXX.X/composite/sobjects/{object}/{field},
// allOrNone false, one result per record) with jsforce 3, whose `sobject(type).upsert(records, field)`
// uses that endpoint for an array. An access token and the instance URL (no login here).
import { Connection, type HttpRequest, type UpsertResult } from 'jsforce';
import type { CrmConnectionResult, SalesforceObject } from '@shared/crm';
import { redactSecrets } from '../redact';
import {
  CRM_BATCH_LIMITS,
  failAll,
  type CrmAdapter,
  type CrmLead,
  type DeliveredRecord,
  type DeliveryResult,
} from './crm';
import { Deadline, errorText, neverReachedServer } from './deadline';
import { valuesToWrite } from './fields';

/** Salesforce requires a Company on a Lead: what Web-to-Lead puts there when none is known. */
export const SALESFORCE_NO_COMPANY = '[not provided]';

/** The fields the mapping writes, per object; the custom ones are used only where the org has them. */
export const SALESFORCE_FIELDS: Record<SalesforceObject, Record<string, string[]>> = {
  Lead: {
    firstName: ['FirstName'],
    lastName: ['LastName'],
    country: ['Country'],
    countryCode: ['CountryCode', 'Lead_Enricher_Country_Code__c'],
    probability: ['Lead_Enricher_Probability__c'],
    status: ['Lead_Enricher_Status__c'],
    gender: ['Lead_Enricher_Gender__c'],
    age: ['Lead_Enricher_Age__c'],
  },
  Contact: {
    firstName: ['FirstName'],
    lastName: ['LastName'],
    country: ['MailingCountry'],
    countryCode: ['MailingCountryCode', 'Lead_Enricher_Country_Code__c'],
    probability: ['Lead_Enricher_Probability__c'],
    status: ['Lead_Enricher_Status__c'],
    gender: ['Lead_Enricher_Gender__c'],
    age: ['Lead_Enricher_Age__c'],
  },
};

/** Per-record errors that a later attempt may not meet. */
const RETRYABLE_RECORD_ERRORS = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'REQUEST_LIMIT_EXCEEDED',
]);

export interface SalesforceOptions {
  instanceUrl: string;
  accessToken: string;
  object: SalesforceObject;
  externalIdField: string;
  apiVersion: string;
  timeoutMs: number;
  keepExistingValues: boolean;
}

interface Schema {
  problem: string | null;
  /** Meaning -> the field that carries it in this org. */
  fields: Record<string, { name: string; percent: boolean }>;
  missing: string[];
}

/** jsforce with a timeout of the delivery's time left on every request, and no redirects followed. */
class TimedConnection extends Connection {
  constructor(
    config: ConstructorParameters<typeof Connection>[0],
    private readonly deadline: () => Deadline,
  ) {
    super(config);
  }

  override request<R = unknown>(request: string | HttpRequest, options: object = {}) {
    return super.request<R>(request, {
      ...options,
      timeout: this.deadline().remainingMs,
      followRedirect: false,
    });
  }
}

interface SalesforceError {
  errorCode?: string;
  name?: string;
  message?: string;
}

export class SalesforceCrm implements CrmAdapter {
  readonly mode = 'salesforce' as const;
  readonly maxBatchSize = CRM_BATCH_LIMITS.salesforce;
  private deadline = new Deadline(0);
  private readonly conn: TimedConnection;
  private schema: Promise<Schema> | null = null;

  constructor(private readonly options: SalesforceOptions) {
    this.conn = new TimedConnection(
      { instanceUrl: options.instanceUrl, accessToken: options.accessToken, version: options.apiVersion },
      () => this.deadline,
    );
  }

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    this.deadline = new Deadline(this.options.timeoutMs);
    let schema: Schema;
    let existing: Map<string, Record<string, unknown>>;
    try {
      schema = await this.prepare();
      if (schema.problem) {
        this.schema = null;
        return { delivered: [], failed: [], halt: schema.problem };
      }
      // A Lead's Company is set only when it is created (the placeholder must not replace a real one),
      // so Leads are looked up first; Contacts only to keep existing values.
      existing =
        this.options.object === 'Lead' || this.options.keepExistingValues
          ? await this.query(
              leads.map((l) => l.id),
              schema,
            )
          : new Map();
    } catch (err) {
      return this.failure(leads, err, false);
    }
    const { object, externalIdField } = this.options;
    // jsforce adds each record's `attributes: { type }` (the object of the URL).
    const records = leads.map((lead) => ({
      ...this.valuesFor(lead, schema, existing.get(lead.id) ?? null),
      [externalIdField]: lead.id,
    }));
    let results: UpsertResult[];
    try {
      results = await this.upsert(records);
    } catch (err) {
      return this.failure(leads, err, true);
    }
    const result: DeliveryResult = { delivered: [], failed: [] };
    leads.forEach((lead, i) => {
      const r = results[i];
      if (r?.success) {
        result.delivered.push({ id: lead.id, recordId: r.id, recordUrl: this.url(r.id) });
        return;
      }
      const errors = (r?.errors ?? []) as Array<{
        statusCode?: string;
        errorCode?: string;
        message: string;
        fields?: string[];
      }>;
      const first = errors[0];
      const code = first?.statusCode ?? first?.errorCode ?? 'UNKNOWN';
      const fields = first?.fields?.length ? ` (${first.fields.join(', ')})` : '';
      result.failed.push({
        id: lead.id,
        reason: r
          ? `Salesforce refused the ${object}: ${code}: ${first?.message ?? 'no reason given'}${fields}`
          : 'Salesforce did not report on this record',
        permanent: r !== undefined && !RETRYABLE_RECORD_ERRORS.has(code),
        uncertain: r === undefined,
      });
    });
    return result;
  }

  async lookup(ids: readonly string[]): Promise<Map<string, DeliveredRecord>> {
    this.deadline = new Deadline(this.options.timeoutMs);
    const schema = await this.prepare();
    const found = await this.query(ids, schema);
    return new Map(
      [...found].map(([id, record]) => [
        id,
        { id, recordId: String(record.Id), recordUrl: this.url(String(record.Id)) },
      ]),
    );
  }

  async testConnection(): Promise<CrmConnectionResult> {
    this.deadline = new Deadline(this.options.timeoutMs);
    this.schema = null;
    try {
      const schema = await this.prepare();
      if (schema.problem)
        return { ok: false, message: schema.problem, missingFields: schema.missing, canCreateFields: false };
      const missing = schema.missing.length
        ? `; not sent until they exist (Setup → Object Manager): ${schema.missing.join(', ')}`
        : '';
      return {
        ok: true,
        message: `Connected to Salesforce: ${this.options.object}s are upserted by ${this.options.externalIdField}${missing}`,
        missingFields: schema.missing,
        canCreateFields: false,
      };
    } catch (err) {
      return { ok: false, message: this.describe(err), missingFields: [], canCreateFields: false };
    }
  }

  /**
   * One collections upsert. A concurrency limit (REQUEST_LIMIT_EXCEEDED, not the daily total) clears in
   * a moment: it is waited out once when that fits in the delivery timeout. jsforce itself never retries
   * a PATCH.
   */
  private async upsert(records: Array<Record<string, unknown>>): Promise<UpsertResult[]> {
    const { object, externalIdField } = this.options;
    const send = () => this.conn.sobject(object).upsert(records, externalIdField, { allOrNone: false });
    try {
      return await send();
    } catch (err) {
      const transient = errorCode(err) === 'REQUEST_LIMIT_EXCEEDED' && !isDailyLimit(err);
      if (!transient || !(await this.deadline.waitWithin(CONCURRENCY_WAIT_MS))) throw err;
      return send();
    }
  }

  private valuesFor(
    lead: CrmLead,
    schema: Schema,
    existing: Record<string, unknown> | null,
  ): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const meaning: Record<string, unknown> = {
      firstName: lead.firstName,
      lastName: lead.lastName,
      country: lead.country,
      countryCode: lead.countryCode,
      probability: lead.probability,
      status: lead.status,
      gender: lead.gender,
      age: lead.age,
    };
    for (const [key, value] of Object.entries(meaning)) {
      const field = schema.fields[key];
      if (field)
        values[field.name] =
          field.percent && typeof value === 'number' ? Math.round(value * 1000) / 10 : value;
    }
    if (this.options.object === 'Lead' && !existing) values.Company = SALESFORCE_NO_COMPANY;
    return valuesToWrite(values, existing, this.options.keepExistingValues);
  }

  /** Records by external id: lead id -> the record's fields. */
  private async query(ids: readonly string[], schema: Schema): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    if (ids.length === 0) return found;
    const { object, externalIdField } = this.options;
    const fields = [...new Set(['Id', externalIdField, ...Object.values(schema.fields).map((f) => f.name)])];
    const list = ids.map((id) => `'${id.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(',');
    const soql = `SELECT ${fields.join(', ')} FROM ${object} WHERE ${externalIdField} IN (${list})`;
    const result = await this.conn.query<Record<string, unknown>>(soql);
    for (const record of result.records) {
      const id = record[externalIdField];
      if (typeof id === 'string') found.set(id, record);
    }
    return found;
  }

  private prepare(): Promise<Schema> {
    this.schema ??= this.readSchema().catch((err: unknown) => {
      this.schema = null;
      throw err;
    });
    return this.schema;
  }

  /** Which mapped fields the object has, and whether the external id field can be upserted by. */
  private async readSchema(): Promise<Schema> {
    const { object, externalIdField } = this.options;
    const describe = await this.conn.sobject(object).describe();
    const byName = new Map(describe.fields.map((f) => [f.name, f]));
    const ext = byName.get(externalIdField);
    const problem = !ext
      ? `The Salesforce ${object} object has no field ${externalIdField}: create a Text field marked External ID and Unique (Setup → Object Manager → ${object} → Fields)`
      : !ext.externalId
        ? `The Salesforce field ${object}.${externalIdField} is not marked External ID, so records cannot be upserted by it`
        : null;
    const fields: Schema['fields'] = {};
    const missing: string[] = [];
    for (const [key, candidates] of Object.entries(SALESFORCE_FIELDS[object])) {
      const field = candidates.map((name) => byName.get(name)).find((f) => f && f.createable);
      if (field) fields[key] = { name: field.name, percent: field.type === 'percent' };
      else missing.push(candidates.at(-1)!);
    }
    return { problem, fields, missing };
  }

  private url(id: string): string {
    return `${this.options.instanceUrl}/${id}`;
  }

  private failure(leads: readonly CrmLead[], err: unknown, sent: boolean): DeliveryResult {
    const reason = this.describe(err);
    const code = errorCode(err);
    if (
      code === 'INVALID_SESSION_ID' ||
      code === 'INVALID_AUTH_HEADER' ||
      code === 'API_DISABLED_FOR_ORG' ||
      code === 'INSUFFICIENT_ACCESS'
    ) {
      return { delivered: [], failed: [], halt: reason };
    }
    if (code === 'REQUEST_LIMIT_EXCEEDED') {
      // The org's daily API limit is a rolling 24 hours: try again in a while, not in seconds.
      return failAll(leads, reason, {
        permanent: false,
        retryAfterMs: isDailyLimit(err) ? DAILY_LIMIT_WAIT_MS : CONCURRENCY_WAIT_MS,
      });
    }
    if (
      code &&
      /^(NOT_FOUND|INVALID_FIELD|INVALID_TYPE|MALFORMED_QUERY|JSON_PARSER_ERROR|EXCEEDED_ID_LIMIT|ERROR_HTTP_40[04])$/.test(
        code,
      )
    ) {
      // The request itself was refused, whatever the leads: a mapping or setup problem.
      return { delivered: [], failed: [], halt: `${reason}: check the object and fields in Settings → CRM` };
    }
    // No answer (a timeout, a broken connection) after the upsert was sent: it may have applied.
    const noAnswer = isTimeout(err) || (!code && !neverReachedServer(err));
    return failAll(leads, reason, { permanent: false, uncertain: sent && noAnswer });
  }

  private describe(err: unknown): string {
    const secret = [this.options.accessToken];
    const code = errorCode(err);
    if (isTimeout(err)) return `Salesforce could not be reached at ${this.options.instanceUrl} (timed out)`;
    if (!code)
      return redactSecrets(
        `Salesforce could not be reached at ${this.options.instanceUrl} (${errorText(err)})`,
        secret,
      );
    const message = (err as SalesforceError).message ?? '';
    const text =
      code === 'INVALID_SESSION_ID'
        ? `Salesforce refused the access token (INVALID_SESSION_ID): ${message}. Get a new access token for ${this.options.instanceUrl} and save it in Settings → CRM`
        : code === 'REQUEST_LIMIT_EXCEEDED'
          ? `Salesforce API limit reached (REQUEST_LIMIT_EXCEEDED): ${message}`
          : `Salesforce answered ${code}: ${message}`;
    return redactSecrets(text.slice(0, 500), secret);
  }
}

const CONCURRENCY_WAIT_MS = 1000;
const DAILY_LIMIT_WAIT_MS = 15 * 60_000;

function isDailyLimit(err: unknown): boolean {
  return /TotalRequests/i.test((err as SalesforceError | null)?.message ?? '');
}

function errorCode(err: unknown): string | null {
  const e = err as SalesforceError | null;
  return e && typeof e === 'object' && typeof e.errorCode === 'string' ? e.errorCode : null;
}

/** jsforce aborts a request that outlives its timeout (an AbortError). */
function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || /aborted due to timeout/i.test(err.message));
}
