// A HubSpot stand-in written from the CRM v3 API documentation: private app tokens (Bearer), contact
// properties (unique ones among them), contacts batch upsert by idProperty (at most 100 inputs), batch
// read, account details, the error shape ({status, message, correlationId, category}) and the
// X-HubSpot-RateLimit-* headers with a 429 when the rolling window is used up.
import { randomUUID } from 'node:crypto';
import { RateWindow, StandInServer, type StandInAnswer, type StandInRequest } from './standIn';

export interface HubspotContact {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

interface Property {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  hasUniqueValue: boolean;
  hubspotDefined?: boolean;
  options: unknown[];
}

const BATCH_LIMIT = 100;
const PORTAL_ID = 4242;

function error(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): StandInAnswer {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

export class HubspotStandIn {
  readonly server: StandInServer;
  readonly contacts = new Map<string, HubspotContact>();
  readonly properties = new Map<string, Property>();
  /** The largest batch of inputs received. */
  maxBatch = 0;
  /** Contacts (by lastname) HubSpot refuses: the whole batch fails with 400, as HubSpot does. */
  refuseLastNames = new Set<string>();
  readonly window: RateWindow;
  private nextId = 501;

  constructor(
    readonly token = 'pat-na1-test-token',
    options: { rateLimit?: number; windowMs?: number; idProperty?: string | null } = {},
  ) {
    this.window = new RateWindow(options.rateLimit ?? 100, options.windowMs ?? 10_000);
    for (const name of ['firstname', 'lastname', 'email', 'country']) {
      this.addProperty({ name, type: 'string', fieldType: 'text', hubspotDefined: true });
    }
    if (options.idProperty !== null) {
      this.addProperty({
        name: options.idProperty ?? 'lead_enricher_id',
        type: 'string',
        fieldType: 'text',
        hasUniqueValue: true,
      });
      this.addProperty({ name: 'lead_enricher_country_code', type: 'string', fieldType: 'text' });
      this.addProperty({ name: 'lead_enricher_probability', type: 'number', fieldType: 'number' });
      this.addProperty({ name: 'lead_enricher_status', type: 'string', fieldType: 'text' });
    }
    this.server = new StandInServer(
      (req) => this.handle(req),
      () => ({
        'X-HubSpot-RateLimit-Daily': '250000',
        'X-HubSpot-RateLimit-Daily-Remaining': '249000',
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.window.windowMs),
        'X-HubSpot-RateLimit-Max': String(this.window.limit),
        'X-HubSpot-RateLimit-Remaining': String(this.window.remaining),
        'X-HubSpot-RateLimit-Secondly': String(Math.ceil(this.window.limit / 10)),
        'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.ceil(this.window.remaining / 10)),
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

  /** Contacts per lead id held in the id property. */
  recordsPerLead(idProperty = 'lead_enricher_id'): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.contacts.values()) {
      const id = c.properties[idProperty];
      if (id) out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }

  private addProperty(p: Partial<Property> & { name: string }): Property {
    const property: Property = {
      label: p.name,
      type: 'string',
      fieldType: 'text',
      groupName: 'contactinformation',
      description: '',
      hasUniqueValue: false,
      options: [],
      ...p,
    };
    this.properties.set(property.name, property);
    return property;
  }

  private handle(req: StandInRequest): StandInAnswer {
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    }
    if (!this.window.take()) {
      return {
        ...error(429, 'RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.', {
          errorType: 'RATE_LIMIT',
          policyName: 'TEN_SECONDLY_ROLLING',
          groupName: 'publicapi',
        }),
      };
    }
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /account-info/v3/details') {
      return {
        status: 200,
        body: {
          portalId: PORTAL_ID,
          accountType: 'STANDARD',
          timeZone: 'Europe/Dublin',
          uiDomain: 'app.hubspot.com',
          dataHostingLocation: 'na1',
        },
      };
    }
    if (route === 'POST /crm/v3/properties/contacts/batch/read') return this.readProperties(req);
    if (route === 'POST /crm/v3/properties/contacts') return this.createProperty(req);
    if (route === 'POST /crm/v3/objects/contacts/batch/upsert') return this.upsert(req);
    if (route === 'POST /crm/v3/objects/contacts/batch/read') return this.read(req);
    return error(404, 'OBJECT_NOT_FOUND', `Unknown path ${req.path}`);
  }

  private readProperties(req: StandInRequest): StandInAnswer {
    const { inputs = [] } = req.body as { inputs?: Array<{ name: string }> };
    const results = inputs.map((i) => this.properties.get(i.name)).filter(Boolean);
    const missing = inputs.filter((i) => !this.properties.has(i.name)).map((i) => i.name);
    const now = new Date().toISOString();
    const body = { status: 'COMPLETE', results, startedAt: now, completedAt: now };
    if (!missing.length) return { status: 200, body };
    return {
      status: 207,
      body: {
        ...body,
        numErrors: missing.length,
        errors: missing.map((name) => ({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `Unable to find property ${name}`,
          context: { propertyName: [name] },
          errors: [],
          links: {},
        })),
      },
    };
  }

  private createProperty(req: StandInRequest): StandInAnswer {
    const p = req.body as Partial<Property> & { name?: string };
    if (!p.name || !p.label || !p.type || !p.fieldType || !p.groupName) {
      return error(
        400,
        'VALIDATION_ERROR',
        'Property name, label, type, fieldType and groupName are required',
      );
    }
    if (this.properties.has(p.name)) {
      return error(409, 'OBJECT_ALREADY_EXISTS', `Property named '${p.name}' already exists.`);
    }
    return { status: 201, body: this.addProperty({ ...p, name: p.name }) };
  }

  private upsert(req: StandInRequest): StandInAnswer {
    const { inputs } = req.body as {
      inputs?: Array<{
        id: string;
        idProperty?: string;
        objectWriteTraceId?: string;
        properties: Record<string, string>;
      }>;
    };
    if (!Array.isArray(inputs) || inputs.length === 0)
      return error(400, 'VALIDATION_ERROR', 'inputs is required');
    this.maxBatch = Math.max(this.maxBatch, inputs.length);
    if (inputs.length > BATCH_LIMIT) {
      return error(
        400,
        'VALIDATION_ERROR',
        `Invalid input JSON: the batch has ${inputs.length} inputs, the limit is ${BATCH_LIMIT}`,
      );
    }
    // Validation fails the whole batch, naming the properties that are wrong.
    const problems: Array<Record<string, unknown>> = [];
    for (const input of inputs) {
      const idProperty = input.idProperty ? this.properties.get(input.idProperty) : undefined;
      if (!idProperty || !idProperty.hasUniqueValue) {
        return error(
          400,
          'VALIDATION_ERROR',
          `Property ${input.idProperty ?? '(none)'} is not a unique property and cannot be used as idProperty`,
        );
      }
      for (const [name, value] of Object.entries(input.properties ?? {})) {
        const property = this.properties.get(name);
        if (!property)
          problems.push({
            isValid: false,
            message: `Property "${name}" does not exist`,
            error: 'PROPERTY_DOESNT_EXIST',
            name,
          });
        else if (property.type === 'number' && value !== '' && Number.isNaN(Number(value))) {
          problems.push({
            isValid: false,
            message: `${value} was not a valid number.`,
            error: 'INVALID_FLOAT',
            name,
          });
        }
      }
      if (this.refuseLastNames.has(input.properties?.lastname ?? '')) {
        problems.push({
          isValid: false,
          message: `${input.properties.lastname} is on the do-not-contact list`,
          error: 'INVALID_OPTION',
          name: 'lastname',
        });
      }
    }
    if (problems.length) {
      return error(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`);
    }
    const now = new Date().toISOString();
    const results = inputs.map((input) => {
      const idProperty = input.idProperty!;
      const existing = [...this.contacts.values()].find((c) => c.properties[idProperty] === input.id);
      const contact: HubspotContact = existing ?? {
        id: String(this.nextId++),
        properties: { [idProperty]: input.id },
        createdAt: now,
        updatedAt: now,
      };
      Object.assign(contact.properties, input.properties, { [idProperty]: input.id });
      contact.updatedAt = now;
      this.contacts.set(contact.id, contact);
      return {
        id: contact.id,
        properties: { ...contact.properties, hs_object_id: contact.id },
        createdAt: contact.createdAt,
        updatedAt: contact.updatedAt,
        archived: false,
        new: !existing,
        objectWriteTraceId: input.objectWriteTraceId,
      };
    });
    return { status: 200, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
  }

  private read(req: StandInRequest): StandInAnswer {
    const {
      idProperty,
      inputs = [],
      properties = [],
    } = req.body as { idProperty?: string; inputs?: Array<{ id: string }>; properties?: string[] };
    if (inputs.length > BATCH_LIMIT)
      return error(400, 'VALIDATION_ERROR', `Too many inputs: the limit is ${BATCH_LIMIT}`);
    const now = new Date().toISOString();
    const results = [];
    const missing: string[] = [];
    for (const { id } of inputs) {
      const contact = idProperty
        ? [...this.contacts.values()].find((c) => c.properties[idProperty] === id)
        : this.contacts.get(id);
      if (!contact) {
        missing.push(id);
        continue;
      }
      const props: Record<string, string | null> = { hs_object_id: contact.id };
      for (const name of properties) props[name] = contact.properties[name] ?? null;
      results.push({
        id: contact.id,
        properties: props,
        createdAt: contact.createdAt,
        updatedAt: contact.updatedAt,
        archived: false,
      });
    }
    const body = { status: 'COMPLETE', results, startedAt: now, completedAt: now };
    if (!missing.length) return { status: 200, body };
    return {
      status: 207,
      body: {
        ...body,
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message:
              'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
            context: { ids: missing },
            errors: [],
            links: {},
          },
        ],
      },
    };
  }
}
