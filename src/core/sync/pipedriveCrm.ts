// Pipedrive: each lead is a person, found by a custom field holding the lead's id
// (GET /api/v2/persons/search, exact match on custom fields), then updated or created, through the
// official `pipedrive` client (v2 API classes, `x-api-token`). Pipedrive has no batch upsert: one search
// and one write per lead, a few at a time, waiting out a rate limit within the delivery timeout.
import type { AxiosError, AxiosInstance } from 'axios';
import pLimit from 'p-limit';
import { Configuration as ConfigurationV1, UsersApi } from 'pipedrive/v1';
import { Configuration, PersonFieldsApi, PersonsApi } from 'pipedrive/v2';
import type { CrmConnectionResult } from '@shared/crm';
import { redactSecrets } from '../redact';
import {
  CRM_BATCH_LIMITS,
  type CrmAdapter,
  type CrmLead,
  type DeliveredRecord,
  type DeliveryResult,
  type FailedLead,
} from './crm';
import { Deadline, errorText, neverReachedServer, retryAfterMs } from './deadline';
import { valuesToWrite } from './fields';

/** The person fields the mapping writes, by name (Pipedrive keys them by a per-account hash). */
export const PIPEDRIVE_FIELDS = {
  leadId: { name: 'Lead Enricher ID', type: 'varchar' },
  country: { name: 'Lead Enricher country', type: 'varchar' },
  countryCode: { name: 'Lead Enricher country code', type: 'varchar' },
  probability: { name: 'Lead Enricher probability', type: 'double' },
  status: { name: 'Lead Enricher status', type: 'varchar' },
  gender: { name: 'Lead Enricher gender', type: 'varchar' },
  age: { name: 'Lead Enricher age', type: 'double' },
} as const;
type FieldKey = keyof typeof PIPEDRIVE_FIELDS;

const CONCURRENCY = 4;

export interface PipedriveOptions {
  baseUrl: string;
  apiToken: string;
  timeoutMs: number;
  keepExistingValues: boolean;
  log?: (line: string) => void;
}

interface Schema {
  /** Field name -> its key in this account. */
  keys: Partial<Record<FieldKey, string>>;
  missing: string[];
  companyDomain: string | null;
}

/** A Pipedrive answer other than 2xx, with what the client would otherwise drop (status and headers). */
class PipedriveError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
    readonly headers: Record<string, unknown>,
    readonly timedOut: boolean,
    /** The client's error, or null for one of ours (the request was never sent). */
    readonly original: unknown,
  ) {
    super(message);
  }
}

/** Halts the whole delivery: the token or the account refuses us. */
class Halt extends Error {}

/**
 * The client's axios instance, set up for a delivery: no redirects (the token would follow them), a
 * timeout of the time left, and errors that keep their status and headers.
 */
function setUp(instance: AxiosInstance, deadline: () => Deadline): void {
  instance.defaults.maxRedirects = 0;
  instance.interceptors.request.use((config) => ({ ...config, timeout: deadline().remainingMs }));
  instance.interceptors.response.clear();
  instance.interceptors.response.use(
    (response) => response.data as unknown as typeof response,
    (err: AxiosError<{ error?: string; error_info?: string }>) => {
      const status = err.response?.status ?? null;
      const body = err.response?.data;
      const text = typeof body === 'object' && body?.error ? body.error : err.message;
      const timedOut = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT';
      return Promise.reject(new PipedriveError(status, text, err.response?.headers ?? {}, timedOut, err));
    },
  );
}

class Persons extends PersonsApi {
  constructor(config: Configuration, deadline: () => Deadline) {
    super(config);
    setUp(this.axios, deadline);
  }
}
class PersonFields extends PersonFieldsApi {
  constructor(config: Configuration, deadline: () => Deadline) {
    super(config);
    setUp(this.axios, deadline);
  }
}
class Users extends UsersApi {
  constructor(config: ConfigurationV1, deadline: () => Deadline) {
    super(config);
    setUp(this.axios, deadline);
  }
}

export class PipedriveCrm implements CrmAdapter {
  readonly mode = 'pipedrive' as const;
  readonly maxBatchSize = CRM_BATCH_LIMITS.pipedrive;
  private deadline = new Deadline(0);
  private readonly persons: Persons;
  private readonly fields: PersonFields;
  private readonly users: Users;
  private schema: Promise<Schema> | null = null;
  /** Until when Pipedrive asked us to wait (a rate limit), shared by the requests in flight. */
  private resumeAt = 0;

  constructor(private readonly options: PipedriveOptions) {
    const base = options.baseUrl;
    const deadline = () => this.deadline;
    this.persons = new Persons(
      new Configuration({ apiKey: options.apiToken, basePath: `${base}/api/v2` }),
      deadline,
    );
    this.fields = new PersonFields(
      new Configuration({ apiKey: options.apiToken, basePath: `${base}/api/v2` }),
      deadline,
    );
    this.users = new Users(
      new ConfigurationV1({ apiKey: options.apiToken, basePath: `${base}/api/v1` }),
      deadline,
    );
  }

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    this.deadline = new Deadline(this.options.timeoutMs);
    let schema: Schema;
    try {
      schema = await this.prepare();
    } catch (err) {
      return this.wholeFailure(leads, err);
    }
    const leadIdKey = schema.keys.leadId;
    if (!leadIdKey) {
      this.schema = null;
      return {
        delivered: [],
        failed: [],
        halt: `Pipedrive has no person field named "${PIPEDRIVE_FIELDS.leadId.name}" to hold the lead id: create it with Test connection in Settings → CRM`,
      };
    }
    const limit = pLimit(CONCURRENCY);
    const delivered: DeliveredRecord[] = [];
    const failed: FailedLead[] = [];
    let halt: string | undefined;
    const guard = async (lead: CrmLead, step: (lead: CrmLead) => Promise<void>, writes: boolean) => {
      if (halt) return;
      try {
        await step(lead);
      } catch (err) {
        if (err instanceof Halt) halt ??= err.message;
        else failed.push(this.leadFailure(lead, err, writes));
      }
    };

    // 1. Find each lead's person by the id field.
    const found = new Map<string, number>();
    await Promise.all(
      leads.map((lead) =>
        limit(() =>
          guard(
            lead,
            async () => {
              const id = await this.findPerson(lead.id);
              if (id !== null) found.set(lead.id, id);
            },
            false,
          ),
        ),
      ),
    );
    if (halt) return { delivered: [], failed: [], halt };
    const searched = leads.filter((lead) => !failed.some((f) => f.id === lead.id));

    // 2. With "keep existing values", read the persons found (one request for up to 100).
    let existing = new Map<number, Record<string, unknown>>();
    if (this.options.keepExistingValues && found.size) {
      try {
        existing = await this.readPersons([...found.values()], schema);
      } catch (err) {
        const result = this.wholeFailure(searched, err);
        return { ...result, failed: [...failed, ...result.failed] };
      }
    }

    // 3. Update the ones found, create the others.
    await Promise.all(
      searched.map((lead) =>
        limit(() =>
          guard(
            lead,
            async () => {
              const personId = found.get(lead.id) ?? null;
              const id = await this.write(
                lead,
                personId,
                schema,
                personId === null ? null : (existing.get(personId) ?? null),
              );
              delivered.push({ id: lead.id, recordId: String(id), recordUrl: this.url(schema, id) });
            },
            true,
          ),
        ),
      ),
    );
    return halt ? { delivered, failed, halt } : { delivered, failed };
  }

  async lookup(ids: readonly string[]): Promise<Map<string, DeliveredRecord>> {
    this.deadline = new Deadline(this.options.timeoutMs);
    const schema = await this.prepare();
    const limit = pLimit(CONCURRENCY);
    const found = new Map<string, DeliveredRecord>();
    await Promise.all(
      ids.map((id) =>
        limit(async () => {
          const personId = await this.findPerson(id);
          if (personId !== null)
            found.set(id, { id, recordId: String(personId), recordUrl: this.url(schema, personId) });
        }),
      ),
    );
    return found;
  }

  async testConnection(): Promise<CrmConnectionResult> {
    this.deadline = new Deadline(this.options.timeoutMs);
    this.schema = null;
    try {
      const schema = await this.prepare();
      const where = schema.companyDomain ? `Pipedrive (${schema.companyDomain}.pipedrive.com)` : 'Pipedrive';
      if (!schema.keys.leadId) {
        return {
          ok: false,
          message: `Connected to ${where}, but it has no person field "${PIPEDRIVE_FIELDS.leadId.name}" to hold the lead id`,
          missingFields: schema.missing,
          canCreateFields: true,
        };
      }
      const missing = schema.missing.length
        ? `; not sent until they exist: ${schema.missing.join(', ')}`
        : '';
      return {
        ok: true,
        message: `Connected to ${where}: persons are found by "${PIPEDRIVE_FIELDS.leadId.name}"${missing}`,
        missingFields: schema.missing,
        canCreateFields: schema.missing.length > 0,
      };
    } catch (err) {
      return {
        ok: false,
        message: err instanceof Halt ? err.message : this.describe(err),
        missingFields: [],
        canCreateFields: false,
      };
    }
  }

  /** Creates the person fields the mapping needs that are missing (POST /api/v2/personFields). */
  async ensureFields(): Promise<{ created: string[]; message: string }> {
    this.deadline = new Deadline(this.options.timeoutMs);
    this.schema = null;
    const schema = await this.prepare();
    const created: string[] = [];
    for (const field of Object.values(PIPEDRIVE_FIELDS)) {
      if (!schema.missing.includes(field.name)) continue;
      await this.call(() =>
        this.fields.addPersonField({
          AddPersonFieldRequest: { field_name: field.name, field_type: field.type },
        }),
      );
      created.push(field.name);
    }
    this.schema = null;
    return {
      created,
      message: created.length
        ? `Created the person fields ${created.join(', ')}`
        : 'Every field was already there',
    };
  }

  private async findPerson(leadId: string): Promise<number | null> {
    const response = await this.call(() =>
      this.persons.searchPersons({ term: leadId, fields: 'custom_fields', exact_match: true, limit: 10 }),
    );
    const ids = (response.data?.items ?? [])
      .map((i) => i.item?.id)
      .filter((id): id is number => typeof id === 'number');
    if (ids.length > 1)
      this.options.log?.(
        `[CRM Sync] Pipedrive holds ${ids.length} persons for lead ${leadId}: the oldest is updated`,
      );
    return ids.length ? Math.min(...ids) : null;
  }

  private async readPersons(ids: number[], schema: Schema): Promise<Map<number, Record<string, unknown>>> {
    const keys = Object.values(schema.keys);
    const response = await this.call(() =>
      this.persons.getPersons({ ids: ids.join(','), custom_fields: keys.join(','), limit: 100 }),
    );
    return new Map(
      (response.data ?? []).map((person) => [
        person.id!,
        { name: person.name, ...(person.custom_fields ?? {}) },
      ]),
    );
  }

  /** Updates the person, or creates it with the lead id; returns its id. */
  private async write(
    lead: CrmLead,
    personId: number | null,
    schema: Schema,
    existing: Record<string, unknown> | null,
  ): Promise<number> {
    const { keys } = schema;
    const fields: Record<string, string | number> = {};
    const put = (key: FieldKey, value: string | number) => {
      if (keys[key]) fields[keys[key]!] = value;
    };
    put('country', lead.country);
    put('countryCode', lead.countryCode);
    put('probability', lead.probability);
    put('status', lead.status);
    if (lead.gender) put('gender', lead.gender);
    if (lead.age !== null) put('age', lead.age);
    const keep = this.options.keepExistingValues;
    const values = valuesToWrite({ name: lead.name, ...fields }, existing, keep);
    const { name, ...customFields } = values;
    if (personId !== null) {
      if (Object.keys(values).length === 0) return personId; // nothing empty to fill
      await this.call(() =>
        this.persons.updatePerson({
          id: personId,
          UpdatePersonRequest: { ...(name ? { name: String(name) } : {}), custom_fields: customFields },
        }),
      );
      return personId;
    }
    const created = await this.call(() =>
      this.persons.addPerson({
        AddPersonRequest: { name: lead.name, custom_fields: { ...customFields, [keys.leadId!]: lead.id } },
      }),
    );
    if (typeof created.data?.id !== 'number')
      throw new PipedriveError(null, 'Pipedrive did not return the new person', {}, false, null);
    return created.data.id;
  }

  /** The account's person fields and company domain, read once per adapter (and after a change). */
  private prepare(): Promise<Schema> {
    this.schema ??= this.readSchema().catch((err: unknown) => {
      this.schema = null;
      throw err;
    });
    return this.schema;
  }

  private async readSchema(): Promise<Schema> {
    const byName = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.call(() =>
        this.fields.getPersonFields({ limit: 500, ...(cursor ? { cursor } : {}) }),
      );
      for (const field of page.data ?? []) byName.set(field.field_name, field.field_code);
      cursor = page.additional_data?.next_cursor ?? undefined;
    } while (cursor);
    const keys: Schema['keys'] = {};
    const missing: string[] = [];
    for (const [key, field] of Object.entries(PIPEDRIVE_FIELDS) as Array<[FieldKey, { name: string }]>) {
      const code = byName.get(field.name);
      if (code) keys[key] = code;
      else missing.push(field.name);
    }
    if (missing.length && keys.leadId)
      this.options.log?.(`[CRM Sync] Pipedrive has no ${missing.join(', ')}: not sent`);
    let companyDomain: string | null = null;
    try {
      const me = await this.call(() => this.users.getCurrentUser());
      companyDomain = me.data?.company_domain ?? null;
    } catch (err) {
      if (err instanceof Halt) throw err;
    }
    return { keys, missing, companyDomain };
  }

  private url(schema: Schema, personId: number): string | null {
    return schema.companyDomain ? `https://${schema.companyDomain}.pipedrive.com/person/${personId}` : null;
  }

  /**
   * One request: waits while Pipedrive asked us to (rate limit), retries a 429 once when its wait fits in
   * the delivery timeout, and turns a refused token into a Halt.
   */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const wait = this.resumeAt - Date.now();
      if (wait > 0 && !(await this.deadline.waitWithin(wait))) {
        throw new PipedriveError(
          429,
          'Pipedrive asked to wait longer than the delivery timeout',
          { 'retry-after': String(Math.ceil(wait / 1000)) },
          false,
          null,
        );
      }
      if (this.deadline.passed)
        throw new PipedriveError(null, 'not sent: the delivery timeout was reached', {}, false, null);
      try {
        return await request();
      } catch (err) {
        if (!(err instanceof PipedriveError)) throw err;
        if (err.status === 401 || err.status === 403) throw new Halt(this.describe(err));
        if (err.status === 429) {
          const ms = rateLimitWait(err.headers) ?? 2000;
          this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
          // The next turn waits it out, if that fits in the delivery timeout.
          if (attempt === 0) continue;
        }
        throw err;
      }
    }
  }

  private leadFailure(lead: CrmLead, err: unknown, writes: boolean): FailedLead {
    const reason = this.describe(err);
    if (err instanceof PipedriveError && err.status !== null) {
      const retryable = err.status === 408 || err.status === 429 || err.status >= 500;
      const wait = err.status === 429 ? rateLimitWait(err.headers) : null;
      return { id: lead.id, reason, permanent: !retryable, ...(wait !== null ? { retryAfterMs: wait } : {}) };
    }
    const notSent = err instanceof PipedriveError && err.original === null;
    return {
      id: lead.id,
      reason,
      permanent: false,
      uncertain: writes && !notSent && !neverReachedServer(err),
    };
  }

  private wholeFailure(leads: readonly CrmLead[], err: unknown): DeliveryResult {
    if (err instanceof Halt) return { delivered: [], failed: [], halt: err.message };
    return { delivered: [], failed: leads.map((lead) => this.leadFailure(lead, err, false)) };
  }

  private describe(err: unknown): string {
    const secret = [this.options.apiToken];
    if (!(err instanceof PipedriveError)) return redactSecrets(`Pipedrive: ${errorText(err)}`, secret);
    if (err.status === null) {
      const detail = err.timedOut ? 'timed out' : err.message;
      return redactSecrets(`Pipedrive could not be reached at ${this.options.baseUrl} (${detail})`, secret);
    }
    const text =
      err.status === 401
        ? `Pipedrive refused the API token (401): ${err.message}. Check the token in Settings → CRM (Pipedrive: Personal preferences → API)`
        : err.status === 403
          ? `Pipedrive refused the request (403): ${err.message}`
          : err.status === 429
            ? `Pipedrive rate limit reached (429): ${err.message}`
            : `Pipedrive answered ${err.status}: ${err.message}`;
    return redactSecrets(text.slice(0, 500), secret);
  }
}

/** Retry-After, else x-ratelimit-reset (seconds until the window resets). */
function rateLimitWait(headers: Record<string, unknown>): number | null {
  return retryAfterMs(headers['retry-after']) ?? retryAfterMs(headers['x-ratelimit-reset']);
}
