// The CRM section's edits, and the settings change they make: only what the person changed is sent, and
// only for the connector chosen (the others' fields are not on screen).
import type { SettingsUpdate, SettingsView } from '@shared/contract';
import {
  DEFAULT_HUBSPOT_BASE_URL,
  DEFAULT_HUBSPOT_ID_PROPERTY,
  DEFAULT_PIPEDRIVE_BASE_URL,
  DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD,
  type CrmMode,
  type SalesforceObject,
  type SyncMode,
} from '@shared/crm';
import { KEEP, changed, compact, secretChange, type SecretDraft } from './changes';

/** null: untouched, the field shows the saved value. */
export interface CrmDraft {
  enabled: boolean | null;
  schedule: string | null;
  syncMode: SyncMode | null;
  mode: CrmMode | null;
  keepExistingValues: boolean | null;
  webhookUrl: string | null;
  webhookSecret: SecretDraft;
  hubspotBaseUrl: string | null;
  hubspotToken: SecretDraft;
  hubspotIdProperty: string | null;
  pipedriveBaseUrl: string | null;
  pipedriveToken: SecretDraft;
  salesforceInstanceUrl: string | null;
  salesforceToken: SecretDraft;
  salesforceObject: SalesforceObject | null;
  salesforceExternalIdField: string | null;
}

export const UNTOUCHED: CrmDraft = {
  enabled: null,
  schedule: null,
  syncMode: null,
  mode: null,
  keepExistingValues: null,
  webhookUrl: null,
  webhookSecret: KEEP,
  hubspotBaseUrl: null,
  hubspotToken: KEEP,
  hubspotIdProperty: null,
  pipedriveBaseUrl: null,
  pipedriveToken: KEEP,
  salesforceInstanceUrl: null,
  salesforceToken: KEEP,
  salesforceObject: null,
  salesforceExternalIdField: null,
};

/** A typed text, trimmed; an emptied field goes back to `empty` (the default, or null to clear). */
function typed<T extends string | null>(draft: string | null, empty: T): string | T | null {
  return draft === null ? null : draft.trim() || empty;
}

/** The change the drafts make, or undefined when they change nothing. */
export function crmChange(draft: CrmDraft, settings: SettingsView): SettingsUpdate | undefined {
  const saved = settings.crm;
  const mode = draft.mode ?? saved.mode;
  const webhookUrl = typed(draft.webhookUrl, null);
  const salesforceUrl = typed(draft.salesforceInstanceUrl, null);
  return compact({
    sync: compact({
      enabled: changed(draft.enabled, settings.sync.enabled),
      schedule: changed(draft.schedule === null ? null : draft.schedule.trim(), settings.sync.schedule),
      mode: changed(draft.syncMode, settings.sync.mode),
    }),
    crm: compact({
      mode: changed(draft.mode, saved.mode),
      keepExistingValues: changed(draft.keepExistingValues, saved.keepExistingValues),
      webhookUrl:
        mode === 'webhook' && draft.webhookUrl !== null && webhookUrl !== saved.webhookUrl
          ? webhookUrl
          : undefined,
      webhookSecret: mode === 'webhook' ? secretChange(draft.webhookSecret) : undefined,
      hubspot:
        mode === 'hubspot'
          ? compact({
              baseUrl: changed(typed(draft.hubspotBaseUrl, DEFAULT_HUBSPOT_BASE_URL), saved.hubspot.baseUrl),
              token: secretChange(draft.hubspotToken),
              idProperty: changed(
                typed(draft.hubspotIdProperty, DEFAULT_HUBSPOT_ID_PROPERTY),
                saved.hubspot.idProperty,
              ),
            })
          : undefined,
      pipedrive:
        mode === 'pipedrive'
          ? compact({
              baseUrl: changed(
                typed(draft.pipedriveBaseUrl, DEFAULT_PIPEDRIVE_BASE_URL),
                saved.pipedrive.baseUrl,
              ),
              apiToken: secretChange(draft.pipedriveToken),
            })
          : undefined,
      salesforce:
        mode === 'salesforce'
          ? compact({
              instanceUrl:
                draft.salesforceInstanceUrl !== null && salesforceUrl !== saved.salesforce.instanceUrl
                  ? salesforceUrl
                  : undefined,
              accessToken: secretChange(draft.salesforceToken),
              object: changed(draft.salesforceObject, saved.salesforce.object),
              externalIdField: changed(
                typed(draft.salesforceExternalIdField, DEFAULT_SALESFORCE_EXTERNAL_ID_FIELD),
                saved.salesforce.externalIdField,
              ),
            })
          : undefined,
    }),
  });
}
