import type { SettingsView } from '@shared/contract';
import { SALESFORCE_OBJECTS, type CrmMode, type SalesforceObject } from '@shared/crm';
import { Field } from './Field';
import { SecretField } from './SecretField';
import type { CrmDraft } from './crmDraft';

interface Props {
  id: string;
  mode: CrmMode;
  settings: SettingsView;
  draft: CrmDraft;
  onEdit: (patch: Partial<CrmDraft>) => void;
}

/** A text field of the connector: the draft while edited, else the saved value. */
function TextField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  placeholder?: string;
  type?: 'text' | 'url';
  onChange: (value: string) => void;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint}>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        className="wide-input"
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}

/** The fields of the chosen connector. Tokens are typed once and only ever shown masked afterwards. */
export function CrmConnectorFields({ id, mode, settings, draft, onEdit }: Props) {
  const saved = settings.crm;
  const needsConsent = settings.secretStorage === 'needs_consent';
  switch (mode) {
    case 'simulated':
      return null;
    case 'hubspot':
      return (
        <>
          <SecretField
            id={`${id}-hubspot-token`}
            label="Private app access token"
            saved={saved.hubspot.token}
            draft={draft.hubspotToken}
            onChange={(hubspotToken) => onEdit({ hubspotToken })}
            placeholder="pat-na1-…"
            hint="HubSpot → Settings → Integrations → Private apps, with the CRM contacts read and write scopes."
            needsConsent={needsConsent}
          />
          <TextField
            id={`${id}-hubspot-property`}
            label="Lead id property"
            hint="A unique contact property that holds the app's lead id: contacts are upserted by it."
            value={draft.hubspotIdProperty ?? saved.hubspot.idProperty}
            onChange={(hubspotIdProperty) => onEdit({ hubspotIdProperty })}
          />
          <TextField
            id={`${id}-hubspot-url`}
            type="url"
            label="API address"
            hint="Leave as it is unless your HubSpot account is served from another address."
            value={draft.hubspotBaseUrl ?? saved.hubspot.baseUrl}
            onChange={(hubspotBaseUrl) => onEdit({ hubspotBaseUrl })}
          />
        </>
      );
    case 'pipedrive':
      return (
        <>
          <SecretField
            id={`${id}-pipedrive-token`}
            label="API token"
            saved={saved.pipedrive.apiToken}
            draft={draft.pipedriveToken}
            onChange={(pipedriveToken) => onEdit({ pipedriveToken })}
            placeholder="Your personal API token"
            hint="Pipedrive → Personal preferences → API."
            needsConsent={needsConsent}
          />
          <TextField
            id={`${id}-pipedrive-url`}
            type="url"
            label="API address"
            hint="Leave as it is unless Pipedrive gave you another address for its API."
            value={draft.pipedriveBaseUrl ?? saved.pipedrive.baseUrl}
            onChange={(pipedriveBaseUrl) => onEdit({ pipedriveBaseUrl })}
          />
        </>
      );
    case 'salesforce': {
      const object = draft.salesforceObject ?? saved.salesforce.object;
      return (
        <>
          <TextField
            id={`${id}-salesforce-url`}
            type="url"
            label="Instance URL"
            placeholder="https://yourcompany.my.salesforce.com"
            value={draft.salesforceInstanceUrl ?? saved.salesforce.instanceUrl ?? ''}
            onChange={(salesforceInstanceUrl) => onEdit({ salesforceInstanceUrl })}
          />
          <SecretField
            id={`${id}-salesforce-token`}
            label="Access token"
            saved={saved.salesforce.accessToken}
            draft={draft.salesforceToken}
            onChange={(salesforceToken) => onEdit({ salesforceToken })}
            placeholder="The OAuth access token of a connected app"
            needsConsent={needsConsent}
          />
          <Field id={`${id}-salesforce-object`} label="Object">
            <select
              id={`${id}-salesforce-object`}
              value={object}
              onChange={(event) => onEdit({ salesforceObject: event.target.value as SalesforceObject })}
            >
              {SALESFORCE_OBJECTS.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </Field>
          <TextField
            id={`${id}-salesforce-field`}
            label="External Id field"
            hint="The field of the object that holds the lead id: records are upserted by it."
            value={draft.salesforceExternalIdField ?? saved.salesforce.externalIdField}
            onChange={(salesforceExternalIdField) => onEdit({ salesforceExternalIdField })}
          />
        </>
      );
    }
    case 'webhook':
      return (
        <>
          <TextField
            id={`${id}-url`}
            type="url"
            label="Webhook URL"
            hint="https, or plain http to this computer only."
            placeholder="https://crm.example.com/hooks/leads"
            value={draft.webhookUrl ?? saved.webhookUrl ?? ''}
            onChange={(webhookUrl) => onEdit({ webhookUrl })}
          />
          <SecretField
            id={`${id}-secret`}
            label="Webhook secret"
            saved={saved.webhookSecret}
            draft={draft.webhookSecret}
            onChange={(webhookSecret) => onEdit({ webhookSecret })}
            placeholder="The secret the CRM checks the signature with"
            needsConsent={needsConsent}
          />
        </>
      );
  }
}
