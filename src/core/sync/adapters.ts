// Builds the CRM adapter the settings choose, and creates the fields a CRM's mapping needs. The vendors'
// clients are large (about a second to load all three): each is loaded when its CRM is first used.
import type { CrmConnectionResult } from '@shared/crm';
import type { CrmConfig } from '../config';
import { CoreError } from '../errors';
import {
  CRM_BATCH_LIMITS,
  type CrmAdapter,
  type CrmLead,
  type DeliveredRecord,
  type DeliveryResult,
} from './crm';
import { SimulatedCrm } from './simulatedCrm';
import { WebhookCrm } from './webhookCrm';

export interface AdapterOptions {
  /** How long one delivery (one batch, its waits and retries) may take. */
  timeoutMs: number;
  log: (line: string) => void;
}

export interface EnsureFieldsResult {
  created: string[];
  message: string;
}

/** A vendor connector: it can also look records up, test the connection, and maybe create fields. */
interface Connector extends CrmAdapter {
  lookup(ids: readonly string[]): Promise<Map<string, DeliveredRecord>>;
  testConnection(): Promise<CrmConnectionResult>;
  ensureFields?(): Promise<EnsureFieldsResult>;
}

type VendorMode = 'hubspot' | 'pipedrive' | 'salesforce';

/** The adapter for the configured CRM; a mode whose credentials are missing says so when it delivers. */
export function createCrmAdapter(crm: CrmConfig, options: AdapterOptions): CrmAdapter {
  const { timeoutMs } = options;
  if (crm.mode === 'webhook') {
    return crm.webhookUrl && crm.webhookSecret
      ? new WebhookCrm({
          url: crm.webhookUrl,
          secret: crm.webhookSecret,
          timeoutMs,
          keepExistingValues: crm.keepExistingValues,
        })
      : unconfigured('webhook', 'the webhook needs a URL and a secret');
  }
  if (crm.mode === 'simulated') return new SimulatedCrm(options.log);
  const missing = missingCredentials(crm, crm.mode);
  return missing
    ? unconfigured(crm.mode, missing)
    : new LazyConnector(crm.mode, () => loadConnector(crm, crm.mode as VendorMode, options));
}

function missingCredentials(crm: CrmConfig, mode: VendorMode): string | null {
  if (mode === 'hubspot') return crm.hubspot.token ? null : 'HubSpot needs a private app access token';
  if (mode === 'pipedrive') return crm.pipedrive.apiToken ? null : 'Pipedrive needs an API token';
  return crm.salesforce.instanceUrl && crm.salesforce.accessToken
    ? null
    : 'Salesforce needs an instance URL and an access token';
}

async function loadConnector(
  crm: CrmConfig,
  mode: VendorMode,
  { timeoutMs, log }: AdapterOptions,
): Promise<Connector> {
  const keepExistingValues = crm.keepExistingValues;
  if (mode === 'hubspot') {
    const { HubspotCrm } = await import('./hubspotCrm');
    return new HubspotCrm({ ...crm.hubspot, token: crm.hubspot.token!, timeoutMs, keepExistingValues, log });
  }
  if (mode === 'pipedrive') {
    const { PipedriveCrm } = await import('./pipedriveCrm');
    return new PipedriveCrm({
      ...crm.pipedrive,
      apiToken: crm.pipedrive.apiToken!,
      timeoutMs,
      keepExistingValues,
      log,
    });
  }
  const { SalesforceCrm } = await import('./salesforceCrm');
  const { instanceUrl, accessToken } = crm.salesforce;
  return new SalesforceCrm({
    ...crm.salesforce,
    instanceUrl: instanceUrl!,
    accessToken: accessToken!,
    timeoutMs,
    keepExistingValues,
  });
}

/** A connector loaded on first use; every call goes to it. */
class LazyConnector implements CrmAdapter {
  readonly maxBatchSize: number;
  private loaded: Promise<Connector> | null = null;

  constructor(
    readonly mode: VendorMode,
    private readonly load: () => Promise<Connector>,
  ) {
    this.maxBatchSize = CRM_BATCH_LIMITS[mode];
  }

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    return (await this.connector()).deliver(leads);
  }

  async lookup(ids: readonly string[]): Promise<Map<string, DeliveredRecord>> {
    return (await this.connector()).lookup(ids);
  }

  async testConnection(): Promise<CrmConnectionResult> {
    return (await this.connector()).testConnection();
  }

  async ensureFields(): Promise<EnsureFieldsResult> {
    const connector = await this.connector();
    if (!connector.ensureFields) {
      throw new CoreError(
        'invalid_request',
        'Salesforce fields are created in Setup → Object Manager (the External ID field: Text, External ID, Unique)',
      );
    }
    try {
      return await connector.ensureFields();
    } catch (err) {
      throw new CoreError('invalid_request', err instanceof Error ? err.message : String(err));
    }
  }

  private connector(): Promise<Connector> {
    this.loaded ??= this.load();
    return this.loaded;
  }
}

/** A CRM chosen without its credentials (a token that could not be read back): every run stops, saying why. */
function unconfigured(mode: CrmAdapter['mode'], why: string): CrmAdapter {
  return {
    mode,
    maxBatchSize: CRM_BATCH_LIMITS[mode],
    deliver: async () => ({
      delivered: [],
      failed: [],
      halt: `The CRM is not set up: ${why} (Settings → CRM)`,
    }),
  };
}

/**
 * Creates HubSpot's contact property for the lead id (unique values, so contacts can be upserted by
 * it) and the other custom properties the mapping writes, where missing.
 */
export async function ensureHubspotIdProperty(
  crm: CrmConfig,
  timeoutMs: number,
): Promise<EnsureFieldsResult> {
  return ensureCrmFields({ ...crm, mode: 'hubspot' }, timeoutMs);
}

/** Creates the fields the configured CRM's mapping needs, where the app can (HubSpot, Pipedrive). */
export async function ensureCrmFields(crm: CrmConfig, timeoutMs: number): Promise<EnsureFieldsResult> {
  const adapter = createCrmAdapter(crm, { timeoutMs, log: () => undefined });
  if (!(adapter instanceof LazyConnector)) {
    const why =
      crm.mode === 'simulated' || crm.mode === 'webhook'
        ? 'This CRM has no fields to create'
        : missingCredentials(crm, crm.mode);
    throw new CoreError('invalid_request', why ?? 'This CRM has no fields to create');
  }
  return adapter.ensureFields();
}

/**
 * Test connection for a CRM configuration (the saved one, or one previewed from values not yet saved):
 * the token works, and which of the mapping's fields the account has.
 */
export async function testCrmConnection(crm: CrmConfig, timeoutMs: number): Promise<CrmConnectionResult> {
  const adapter = createCrmAdapter(crm, { timeoutMs, log: () => undefined });
  if (adapter instanceof WebhookCrm)
    return { ...(await adapter.sendTest()), missingFields: [], canCreateFields: false };
  if (adapter instanceof LazyConnector) return adapter.testConnection();
  if (crm.mode === 'simulated') {
    return {
      ok: true,
      message: 'Simulated: leads are written to the sync log, nothing leaves this computer',
      missingFields: [],
      canCreateFields: false,
    };
  }
  const { halt } = await adapter.deliver([]);
  return { ok: false, message: halt ?? 'The CRM is not set up', missingFields: [], canCreateFields: false };
}
