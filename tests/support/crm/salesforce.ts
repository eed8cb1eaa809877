// A Salesforce stand-in written from the REST API documentation: Bearer access tokens, sObject describe,
// a SOQL query by external id (the one shape the app sends), sObject Collections upsert by an External Id
// field (PATCH /composite/sobjects/{object}/{field}: at most 200 records, allOrNone, one result per
// record), error arrays ([{message, errorCode}]), per-record errors ({statusCode, message, fields}),
// REQUEST_LIMIT_EXCEEDED and the Sforce-Limit-Info header.
import { randomBytes } from 'node:crypto';
import { RateWindow, StandInServer, type StandInAnswer, type StandInRequest } from './standIn';

type SObject = Record<string, unknown> & { Id: string };

interface FieldDescribe {
  name: string;
  type: string;
  externalId: boolean;
  unique: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
}

const RECORD_LIMIT = 200;
const PREFIX: Record<string, string> = { Lead: '00Q', Contact: '003' };
const REQUIRED: Record<string, string[]> = { Lead: ['LastName', 'Company'], Contact: ['LastName'] };

const errors = (status: number, errorCode: string, message: string): StandInAnswer => ({
  status,
  body: [{ message, errorCode }],
});

function field(name: string, type = 'string', extra: Partial<FieldDescribe> = {}): FieldDescribe {
  return {
    name,
    type,
    externalId: false,
    unique: false,
    createable: true,
    updateable: true,
    nillable: true,
    ...extra,
  };
}

export class SalesforceStandIn {
  readonly server: StandInServer;
  readonly records: Record<string, Map<string, SObject>> = { Lead: new Map(), Contact: new Map() };
  readonly describes: Record<string, FieldDescribe[]>;
  /** Last names Salesforce refuses (a validation rule): a per-record error. */
  refuseLastNames = new Set<string>();
  /** The org's API requests: REQUEST_LIMIT_EXCEEDED when used up. */
  readonly window: RateWindow;
  maxBatch = 0;
  readonly apiVersions = new Set<string>();

  constructor(
    readonly token = '00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog7',
    options: { externalIdField?: string; externalId?: boolean; rateLimit?: number; windowMs?: number } = {},
  ) {
    const ext = options.externalIdField ?? 'Lead_Enricher_Id__c';
    const extField = field(ext, 'string', { externalId: options.externalId ?? true, unique: true });
    const custom = [
      field('Lead_Enricher_Probability__c', 'percent'),
      field('Lead_Enricher_Status__c'),
      field('Lead_Enricher_Gender__c'),
      field('Lead_Enricher_Age__c', 'double'),
    ];
    this.describes = {
      Lead: [
        field('Id', 'id', { createable: false, updateable: false }),
        field('FirstName'),
        field('LastName', 'string', { nillable: false }),
        field('Company', 'string', { nillable: false }),
        field('Country'),
        extField,
        ...custom,
      ],
      Contact: [
        field('Id', 'id', { createable: false, updateable: false }),
        field('FirstName'),
        field('LastName', 'string', { nillable: false }),
        field('MailingCountry'),
        field('MailingCountryCode', 'picklist'),
        extField,
        ...custom,
      ],
    };
    this.window = new RateWindow(options.rateLimit ?? 100_000, options.windowMs ?? 86_400_000);
    this.server = new StandInServer(
      (req) => this.handle(req),
      () => ({
        'Sforce-Limit-Info': `api-usage=${this.window.limit - this.window.remaining}/${this.window.limit}`,
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

  /** Records per lead id in the external id field. */
  recordsPerLead(object = 'Lead', ext = 'Lead_Enricher_Id__c'): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.records[object]!.values()) {
      const id = r[ext];
      if (typeof id === 'string') out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }

  private handle(req: StandInRequest): StandInAnswer {
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return errors(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (!this.window.take()) return errors(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    const match = /^\/services\/data\/v(\d+\.\d)(\/.*)$/.exec(req.path);
    if (!match) return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
    this.apiVersions.add(match[1]!);
    const rest = match[2]!;
    const describe = /^\/sobjects\/(\w+)\/describe$/.exec(rest);
    if (req.method === 'GET' && describe) return this.describe(describe[1]!);
    if (req.method === 'GET' && rest === '/query') return this.query(req.query.get('q') ?? '');
    const upsert = /^\/composite\/sobjects\/(\w+)\/(\w+)$/.exec(rest);
    if (req.method === 'PATCH' && upsert) return this.upsert(upsert[1]!, upsert[2]!, req.body);
    return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private describe(object: string): StandInAnswer {
    const fields = this.describes[object];
    if (!fields) return errors(404, 'NOT_FOUND', `The requested resource does not exist`);
    return {
      status: 200,
      body: { name: object, label: object, custom: false, createable: true, updateable: true, fields },
    };
  }

  /** SELECT f1, f2 FROM Object WHERE Field IN ('a', 'b'): the one query the app makes. */
  private query(soql: string): StandInAnswer {
    const m = /^SELECT (.+) FROM (\w+) WHERE (\w+) IN \((.*)\)$/s.exec(soql.trim());
    if (!m) return errors(400, 'MALFORMED_QUERY', `unexpected token: ${soql.slice(0, 40)}`);
    const [, list, object, where, values] = m;
    const fields = list!.split(',').map((f) => f.trim());
    const known = new Set((this.describes[object!] ?? []).map((f) => f.name));
    const unknown = [...fields, where!].find((f) => !known.has(f));
    if (unknown) return errors(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${object}'.`);
    const wanted = new Set(
      [...values!.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((v) => v[1]!.replace(/\\(.)/g, '$1')),
    );
    const records = [...this.records[object!]!.values()]
      .filter((r) => wanted.has(String(r[where!])))
      .map((r) => ({
        attributes: { type: object, url: `/services/data/v62.0/sobjects/${object}/${r.Id}` },
        ...Object.fromEntries(fields.map((f) => [f, r[f] ?? null])),
      }));
    return { status: 200, body: { totalSize: records.length, done: true, records } };
  }

  private upsert(object: string, ext: string, body: unknown): StandInAnswer {
    const fields = this.describes[object];
    if (!fields) return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
    const extField = fields.find((f) => f.name === ext);
    if (!extField)
      return errors(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${ext}`,
      );
    if (!extField.externalId)
      return errors(
        400,
        'INVALID_FIELD',
        `Field ${ext} is not an External ID or indexed field for ${object}`,
      );
    const { records, allOrNone } = (body ?? {}) as {
      records?: Array<Record<string, unknown>>;
      allOrNone?: boolean;
    };
    if (!Array.isArray(records)) return errors(400, 'JSON_PARSER_ERROR', 'records is required');
    this.maxBatch = Math.max(this.maxBatch, records.length);
    if (records.length > RECORD_LIMIT) {
      return errors(
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${RECORD_LIMIT} records into this call`,
      );
    }
    const known = new Set(fields.map((f) => f.name));
    for (const record of records) {
      const type = (record.attributes as { type?: string } | undefined)?.type;
      if (type !== object)
        return errors(400, 'INVALID_TYPE', `Each record must have attributes.type ${object}`);
      const unknown = Object.keys(record).find((k) => k !== 'attributes' && !known.has(k));
      if (unknown)
        return errors(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${object}`);
    }
    const store = this.records[object]!;
    const writes: SObject[] = [];
    const results = records.map((record) => {
      const { attributes: _a, ...values } = record;
      const key = values[ext];
      if (typeof key !== 'string' || !key) {
        return {
          success: false,
          errors: [
            {
              statusCode: 'REQUIRED_FIELD_MISSING',
              message: `Required fields are missing: [${ext}]`,
              fields: [ext],
            },
          ],
        };
      }
      const existing = [...store.values()].find((r) => r[ext] === key);
      const merged = { ...existing, ...values } as Record<string, unknown>;
      const missing = REQUIRED[object]!.filter(
        (f) => merged[f] === undefined || merged[f] === null || merged[f] === '',
      );
      if (missing.length) {
        return {
          success: false,
          errors: [
            {
              statusCode: 'REQUIRED_FIELD_MISSING',
              message: `Required fields are missing: [${missing.join(', ')}]`,
              fields: missing,
            },
          ],
        };
      }
      if (this.refuseLastNames.has(String(merged.LastName))) {
        return {
          success: false,
          errors: [
            {
              statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
              message: `${String(merged.LastName)} is on the do-not-contact list`,
              fields: ['LastName'],
            },
          ],
        };
      }
      const id =
        existing?.Id ?? `${PREFIX[object]}${randomBytes(6).toString('hex').slice(0, 12).toUpperCase()}AAA`;
      writes.push({ ...merged, Id: id } as SObject);
      return { id, success: true, errors: [], created: !existing };
    });
    const rolledBack = allOrNone && results.some((r) => !r.success);
    if (!rolledBack) for (const record of writes) store.set(record.Id, record);
    if (rolledBack) {
      return {
        status: 200,
        body: results.map((r) =>
          r.success
            ? {
                success: false,
                errors: [
                  {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                      'Record rolled back because not all records were valid and the request was using AllOrNone header',
                  },
                ],
              }
            : r,
        ),
      };
    }
    return { status: 200, body: results };
  }
}
