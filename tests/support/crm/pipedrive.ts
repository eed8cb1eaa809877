// A Pipedrive stand-in written from the API v2 documentation (v1 for the current user): `x-api-token`
// auth, person fields keyed by a per-account hash, persons search (exact match on custom fields),
// persons read by ids (at most 100), create and update, the error shape ({success: false, error,
// error_info}) and the x-ratelimit-* headers with a 429 when the window is used up.
import { randomBytes } from 'node:crypto';
import { RateWindow, StandInServer, type StandInAnswer, type StandInRequest } from './standIn';

export interface PipedrivePerson {
  id: number;
  name: string;
  custom_fields: Record<string, unknown>;
  add_time: string;
  update_time: string;
}

interface Field {
  field_name: string;
  field_code: string;
  field_type: string;
  is_custom_field: boolean;
}

const IDS_LIMIT = 100;
const SEARCHABLE = new Set(['varchar', 'text', 'varchar_auto', 'double', 'monetary', 'phone', 'address']);

function failure(status: number, error: string, extra: Record<string, unknown> = {}): StandInAnswer {
  return {
    status,
    body: {
      success: false,
      error,
      error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
      data: null,
      additional_data: null,
      ...extra,
    },
  };
}

export class PipedriveStandIn {
  readonly server: StandInServer;
  readonly persons = new Map<number, PipedrivePerson>();
  readonly fields: Field[] = [
    { field_name: 'Name', field_code: 'name', field_type: 'varchar', is_custom_field: false },
    { field_name: 'Email', field_code: 'emails', field_type: 'varchar', is_custom_field: false },
  ];
  /** Person names Pipedrive refuses on create or update (a 400 for that person). */
  refuseNames = new Set<string>();
  readonly window: RateWindow;
  maxIdsRead = 0;
  private nextId = 1001;

  constructor(
    readonly token = 'pd-test-api-token-1234',
    options: { rateLimit?: number; windowMs?: number; withFields?: boolean } = {},
  ) {
    this.window = new RateWindow(options.rateLimit ?? 1000, options.windowMs ?? 2000);
    if (options.withFields !== false) {
      for (const [name, type] of [
        ['Lead Enricher ID', 'varchar'],
        ['Lead Enricher country', 'varchar'],
        ['Lead Enricher country code', 'varchar'],
        ['Lead Enricher probability', 'double'],
        ['Lead Enricher status', 'varchar'],
      ] as const) {
        this.addField(name, type);
      }
    }
    this.server = new StandInServer(
      (req) => this.handle(req),
      () => ({
        'x-ratelimit-limit': String(this.window.limit),
        'x-ratelimit-remaining': String(this.window.remaining),
        'x-ratelimit-reset': String(Math.ceil(this.window.resetMs / 1000)),
      }),
    );
  }

  get url(): string {
    return this.server.url;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  fieldCode(name: string): string | undefined {
    return this.fields.find((f) => f.field_name === name)?.field_code;
  }

  /** Persons per lead id held in the "Lead Enricher ID" field. */
  recordsPerLead(): Map<string, number> {
    const code = this.fieldCode('Lead Enricher ID');
    const out = new Map<string, number>();
    for (const p of this.persons.values()) {
      const id = code ? p.custom_fields[code] : undefined;
      if (typeof id === 'string') out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }

  private addField(name: string, type: string): Field {
    const field = {
      field_name: name,
      field_code: randomBytes(20).toString('hex'),
      field_type: type,
      is_custom_field: true,
    };
    this.fields.push(field);
    return field;
  }

  private handle(req: StandInRequest): StandInAnswer {
    if (req.headers['x-api-token'] !== this.token && req.query.get('api_token') !== this.token) {
      return failure(401, 'unauthorized access', { errorCode: 401 });
    }
    if (!this.window.take()) {
      return {
        ...failure(429, 'Request over limit', { errorCode: 429 }),
        headers: { 'retry-after': String(Math.ceil(this.window.resetMs / 1000)) },
      };
    }
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /api/v1/users/me') {
      return {
        status: 200,
        body: {
          success: true,
          data: {
            id: 1,
            name: 'Sales Admin',
            email: 'admin@acme.example',
            company_id: 7,
            company_name: 'Acme',
            company_domain: 'acme',
          },
        },
      };
    }
    if (route === 'GET /api/v2/personFields') {
      return {
        status: 200,
        body: {
          success: true,
          data: this.fields.map((f) => ({ ...f, is_optional_response_field: false })),
          additional_data: { next_cursor: null },
        },
      };
    }
    if (route === 'POST /api/v2/personFields') {
      const { field_name, field_type } = (req.body ?? {}) as { field_name?: string; field_type?: string };
      if (!field_name || !field_type)
        return failure(400, 'field_name and field_type are required', {
          code: 'ERR_SCHEMA_VALIDATION_FAILED',
        });
      return {
        status: 200,
        body: {
          success: true,
          data: { ...this.addField(field_name, field_type), is_optional_response_field: false },
        },
      };
    }
    if (route === 'GET /api/v2/persons/search') return this.search(req);
    if (route === 'GET /api/v2/persons') return this.list(req);
    if (route === 'POST /api/v2/persons') return this.create(req);
    const update = /^PATCH \/api\/v2\/persons\/(\d+)$/.exec(route);
    if (update) return this.update(Number(update[1]), req);
    return failure(404, `Unknown method ${route}`);
  }

  private search(req: StandInRequest): StandInAnswer {
    const term = req.query.get('term') ?? '';
    const exact = req.query.get('exact_match') === 'true';
    if (term.length < (exact ? 1 : 2))
      return failure(400, 'Search term must be at least 2 characters long', {
        code: 'ERR_SCHEMA_VALIDATION_FAILED',
      });
    const inFields = (req.query.get('fields') ?? 'custom_fields,email,notes,phone,name').split(',');
    const searchable = this.fields
      .filter((f) => f.is_custom_field && SEARCHABLE.has(f.field_type))
      .map((f) => f.field_code);
    const matches = (value: unknown) => {
      const text = String(value ?? '').toLowerCase();
      return exact ? text === term.toLowerCase() : text.includes(term.toLowerCase());
    };
    const items = [...this.persons.values()]
      .filter(
        (p) =>
          (inFields.includes('custom_fields') && searchable.some((code) => matches(p.custom_fields[code]))) ||
          (inFields.includes('name') && matches(p.name)),
      )
      .map((p) => ({
        result_score: 1,
        item: {
          id: p.id,
          type: 'person',
          name: p.name,
          phones: [],
          emails: [],
          visible_to: 3,
          owner: { id: 1 },
          organization: null,
          custom_fields: searchable
            .map((c) => p.custom_fields[c])
            .filter((v) => v !== undefined && v !== null)
            .map(String),
          notes: [],
        },
      }));
    const limit = Number(req.query.get('limit') ?? 100);
    return {
      status: 200,
      body: { success: true, data: { items: items.slice(0, limit) }, additional_data: { next_cursor: null } },
    };
  }

  private list(req: StandInRequest): StandInAnswer {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean).map(Number);
    this.maxIdsRead = Math.max(this.maxIdsRead, ids.length);
    if (ids.length > IDS_LIMIT)
      return failure(400, `ids: at most ${IDS_LIMIT} ids can be fetched at once`, {
        code: 'ERR_SCHEMA_VALIDATION_FAILED',
      });
    const persons = ids.length
      ? ids.map((id) => this.persons.get(id)).filter(Boolean)
      : [...this.persons.values()];
    return {
      status: 200,
      body: {
        success: true,
        data: persons.map((p) => this.view(p!)),
        additional_data: { next_cursor: null },
      },
    };
  }

  private create(req: StandInRequest): StandInAnswer {
    const body = (req.body ?? {}) as { name?: string; custom_fields?: Record<string, unknown> };
    if (!body.name?.trim())
      return failure(400, 'Name must be given.', { code: 'ERR_SCHEMA_VALIDATION_FAILED' });
    const problem = this.problem(body);
    if (problem) return problem;
    const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
    const person: PipedrivePerson = {
      id: this.nextId++,
      name: body.name,
      custom_fields: { ...body.custom_fields },
      add_time: now,
      update_time: now,
    };
    this.persons.set(person.id, person);
    return { status: 200, body: { success: true, data: this.view(person) } };
  }

  private update(id: number, req: StandInRequest): StandInAnswer {
    const person = this.persons.get(id);
    if (!person) return failure(404, 'Person not found', { code: 'ERR_NOT_FOUND' });
    const body = (req.body ?? {}) as { name?: string; custom_fields?: Record<string, unknown> };
    const problem = this.problem({ name: body.name ?? person.name, custom_fields: body.custom_fields });
    if (problem) return problem;
    if (body.name !== undefined) person.name = body.name;
    Object.assign(person.custom_fields, body.custom_fields ?? {});
    person.update_time = new Date().toISOString().replace('T', ' ').slice(0, 19);
    return { status: 200, body: { success: true, data: this.view(person) } };
  }

  private problem(body: { name?: string; custom_fields?: Record<string, unknown> }): StandInAnswer | null {
    if (body.name && this.refuseNames.has(body.name))
      return failure(400, `Person "${body.name}" is blocked by a data validation rule`, {
        code: 'ERR_VALIDATION',
      });
    for (const code of Object.keys(body.custom_fields ?? {})) {
      const field = this.fields.find((f) => f.field_code === code);
      if (!field)
        return failure(400, `Unknown custom field ${code}`, { code: 'ERR_SCHEMA_VALIDATION_FAILED' });
      if (field.field_type === 'double' && typeof body.custom_fields![code] !== 'number') {
        return failure(400, `${field.field_name} must be a number`, { code: 'ERR_SCHEMA_VALIDATION_FAILED' });
      }
    }
    return null;
  }

  private view(p: PipedrivePerson) {
    const [first, ...rest] = p.name.split(' ');
    return {
      id: p.id,
      name: p.name,
      first_name: first,
      last_name: rest.join(' '),
      owner_id: 1,
      org_id: null,
      add_time: p.add_time,
      update_time: p.update_time,
      emails: [],
      phones: [],
      is_deleted: false,
      visible_to: 3,
      label_ids: [],
      custom_fields: { ...p.custom_fields },
    };
  }
}
