// CRM connectors and the sync mode: the constants and view types that the core, the IPC contract and the
// renderer share. Dependency-free, like the contract (the request schemas are in ./schemas).

export const CRM_MODES = ['simulated', 'webhook', 'hubspot', 'pipedrive', 'salesforce'] as const;
export type CrmMode = (typeof CRM_MODES)[number];

export const CRM_LABELS: Record<CrmMode, string> = {
  simulated: 'Simulated',
  webhook: 'Webhook',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  salesforce: 'Salesforce',
};

/** automatic: Verified leads go by themselves; reviewed: only leads a person approved go. */
export const SYNC_MODES = ['automatic', 'reviewed'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export const SALESFORCE_OBJECTS = ['Lead', 'Contact'] as const;
export type SalesforceObject = (typeof SALESFORCE_OBJECTS)[number];

export const DEFAULT_HUBSPOT_BASE_URL = 'https://api.hubapi.com';
export const DEFAULT_PIPEDRIVE_BASE_URL = 'https://api.pipedrive.com';
/** The unique contact property that holds the app's lead id (created by Test connection if missing). */
export const DEFAULT_HUBSPOT_ID_PROPERTY = 'lead_enricher_id';
export const DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD = 'Lead_Enricher_Id__c';

/** A webhook receiver refuses a signature whose timestamp is further than this from its clock. */
export const WEBHOOK_REPLAY_WINDOW_SECONDS = 300;

/** The claim lease must exceed the delivery timeout by at least this (time to record the outcome). */
export const CLAIM_MARGIN_SECONDS = 5;

export interface SecretState {
  set: boolean;
  masked: string | null;
}

export interface CrmSettingsView {
  mode: CrmMode;
  /** Only fill fields that are empty in the CRM; never overwrite a value already set there. */
  keepExistingValues: boolean;
  webhookUrl: string | null;
  webhookSecret: SecretState;
  hubspot: { baseUrl: string; token: SecretState; idProperty: string };
  pipedrive: { baseUrl: string; apiToken: SecretState };
  salesforce: {
    instanceUrl: string | null;
    accessToken: SecretState;
    object: SalesforceObject;
    externalIdField: string;
  };
}

export interface SyncSettingsView {
  enabled: boolean;
  schedule: string;
  mode: SyncMode;
  claimSeconds: number;
  deliveryTimeoutSeconds: number;
}

/** The sync panel's counts. */
export interface SyncCountsView {
  mode: SyncMode;
  /** Verified leads not yet sent and not approved: the next run sends them (automatic) or they wait for a person (reviewed). */
  pending: number;
  /** Approved leads (Verified or To Check) not yet sent: the next run sends them in either mode. */
  approved: number;
  synced: number;
  /** Gave up (a permanent refusal or too many attempts): they wait for a person's retry. */
  failed: number;
  /** What the next run will try to send (leads waiting for a retry delay included). */
  queued: number;
}

export type LeadCrmState = 'pending' | 'approved' | 'synced' | 'failed' | 'not_applicable';

/** One lead as the CRM knows it. */
export interface LeadCrmView {
  id: string;
  state: LeadCrmState;
  /** The CRM it was synced to. */
  crm: CrmMode | null;
  recordId: string | null;
  /** A link to the record where the CRM has one (HubSpot needs its portal, Pipedrive its company domain). */
  recordUrl: string | null;
  syncedAt: string | null;
  approvedAt: string | null;
  /** Why the last delivery failed, while it waits for a retry or failed for good. */
  error: string | null;
}

/** Test connection: what was found, and what the app can create (HubSpot and Pipedrive fields). */
export interface CrmConnectionResult {
  ok: boolean;
  message: string;
  /** Fields the mapping uses that the CRM does not have (not sent until they exist). */
  missingFields: string[];
  /** The app can create the missing fields (ensureHubspotIdProperty / ensurePipedriveFields). */
  canCreateFields: boolean;
}
