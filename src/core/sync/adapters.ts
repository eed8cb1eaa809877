// Builds the CRM adapter the settings choose, and creates the fields a CRM's mapping needs.
import type { CrmConfig } from '../config';
import { CoreError } from '../errors';
import type { CrmAdapter } from './crm';
import { HubspotCrm } from './hubspotCrm';
import { PipedriveCrm } from './pipedriveCrm';
import { SalesforceCrm } from './salesforceCrm';
import { SimulatedCrm } from './simulatedCrm';
import { WebhookCrm } from './webhookCrm';

export interface AdapterOptions {
  /** How long one delivery (one batch, its waits and retries) may take. */
  timeoutMs: number;
  log: (line: string) => void;
}

/** The adapter for the configured CRM; a mode whose credentials are missing says so when it delivers. */
export function createCrmAdapter(crm: CrmConfig, { timeoutMs, log }: AdapterOptions): CrmAdapter {
  const keepExistingValues = crm.keepExistingValues;
  switch (crm.mode) {
    case 'webhook':
      return crm.webhookUrl && crm.webhookSecret
        ? new WebhookCrm({ url: crm.webhookUrl, secret: crm.webhookSecret, timeoutMs, keepExistingValues })
        : unconfigured('webhook', 'the webhook needs a URL and a secret');
    case 'hubspot':
      return crm.hubspot.token
        ? new HubspotCrm({ ...crm.hubspot, token: crm.hubspot.token, timeoutMs, keepExistingValues, log })
        : unconfigured('hubspot', 'HubSpot needs a private app access token');
    case 'pipedrive':
      return crm.pipedrive.apiToken
        ? new PipedriveCrm({
            ...crm.pipedrive,
            apiToken: crm.pipedrive.apiToken,
            timeoutMs,
            keepExistingValues,
            log,
          })
        : unconfigured('pipedrive', 'Pipedrive needs an API token');
    case 'salesforce': {
      const { instanceUrl, accessToken } = crm.salesforce;
      return instanceUrl && accessToken
        ? new SalesforceCrm({ ...crm.salesforce, instanceUrl, accessToken, timeoutMs, keepExistingValues })
        : unconfigured('salesforce', 'Salesforce needs an instance URL and an access token');
    }
    default:
      return new SimulatedCrm(log);
  }
}

/** A CRM chosen without its credentials (a token that could not be read back): every run stops, saying why. */
function unconfigured(mode: CrmAdapter['mode'], why: string): CrmAdapter {
  return {
    mode,
    maxBatchSize: 100,
    deliver: async () => ({
      delivered: [],
      failed: [],
      halt: `The CRM is not set up: ${why} (Settings → CRM)`,
    }),
  };
}

export interface EnsureFieldsResult {
  created: string[];
  message: string;
}

/**
 * Creates HubSpot's contact property for the lead id (unique values, so contacts can be upserted by
 * it) and the other custom properties the mapping writes, where missing.
 */
export async function ensureHubspotIdProperty(
  crm: CrmConfig,
  timeoutMs: number,
): Promise<EnsureFieldsResult> {
  const adapter = createCrmAdapter({ ...crm, mode: 'hubspot' }, { timeoutMs, log: () => undefined });
  if (!(adapter instanceof HubspotCrm))
    throw new CoreError('invalid_request', 'HubSpot needs a private app access token first');
  return guard(() => adapter.ensureProperties());
}

/** Creates the fields the configured CRM's mapping needs, where the app can (HubSpot, Pipedrive). */
export async function ensureCrmFields(crm: CrmConfig, timeoutMs: number): Promise<EnsureFieldsResult> {
  if (crm.mode === 'hubspot') return ensureHubspotIdProperty(crm, timeoutMs);
  const adapter = createCrmAdapter(crm, { timeoutMs, log: () => undefined });
  if (adapter instanceof PipedriveCrm) return guard(() => adapter.ensureFields());
  throw new CoreError(
    'invalid_request',
    crm.mode === 'salesforce'
      ? 'Salesforce fields are created in Setup → Object Manager (the External ID field: Text, External ID, Unique)'
      : 'This CRM has no fields to create',
  );
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new CoreError('invalid_request', err instanceof Error ? err.message : String(err));
  }
}
