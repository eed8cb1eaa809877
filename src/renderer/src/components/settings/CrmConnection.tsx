import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { SettingsView } from '@shared/contract';
import { CRM_LABELS, type CrmConnectionResult, type CrmMode } from '@shared/crm';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../hooks/errorMessage';
import { useCheck } from '../../hooks/useCheck';
import { CheckResult } from './CheckResult';
import { compact, typedSecret } from './changes';
import type { CrmDraft } from './crmDraft';

interface Props {
  mode: CrmMode;
  settings: SettingsView;
  draft: CrmDraft;
  /** The section holds edits not saved yet: the test (which uses the saved settings) saves them first. */
  unsaved: boolean;
  /** Saves the section; true when it was saved (or had nothing to save). */
  save: () => Promise<boolean>;
}

const CAN_CREATE_FIELDS: ReadonlySet<CrmMode> = new Set(['hubspot', 'pipedrive']);

/**
 * Test connection and "Create the fields": both act on the saved settings, so a test with edits pending
 * saves them first. Salesforce fields cannot be made through its API by this app: it names the field.
 */
export function CrmConnection({ mode, settings, draft, unsaved, save }: Props) {
  const api = useApi();
  const check = useCheck();
  const [found, setFound] = useState<CrmConnectionResult | null>(null);
  const create = useMutation({ mutationFn: () => api.sync.createFields() });

  const test = () =>
    check.run(async () => {
      setFound(null);
      if (!(await save()))
        return { ok: false, message: 'Not tested: the settings above could not be saved.' };
      const result = await api.sync.testConnection();
      setFound(result);
      return result;
    });

  if (mode === 'webhook') {
    const url = draft.webhookUrl === null ? settings.crm.webhookUrl : draft.webhookUrl.trim() || null;
    const sendTest = () =>
      check.run(() =>
        api.settings.testWebhook(
          compact({ url: url ?? undefined, secret: typedSecret(draft.webhookSecret) }) ?? {},
        ),
      );
    return (
      <div className="check-row crm-connection">
        <button type="button" disabled={check.running || url === null} onClick={sendTest}>
          {check.running ? 'Sending…' : 'Send test delivery'}
        </button>
        <CheckResult state={check.state} />
      </div>
    );
  }

  const object = draft.salesforceObject ?? settings.crm.salesforce.object;
  const field = draft.salesforceExternalIdField?.trim() || settings.crm.salesforce.externalIdField;
  const missing = found?.missingFields ?? [];

  return (
    <div className="crm-connection">
      <div className="check-row">
        <button type="button" disabled={check.running || create.isPending} onClick={test}>
          {check.running ? 'Testing…' : unsaved ? 'Save and test connection' : 'Test connection'}
        </button>
        {CAN_CREATE_FIELDS.has(mode) && (
          <button
            type="button"
            disabled={unsaved || check.running || create.isPending}
            title={unsaved ? 'Save first: the fields are made with the saved settings' : undefined}
            onClick={() =>
              create.mutate(undefined, {
                // What the CRM has now, in words.
                onSuccess: () => test(),
              })
            }
          >
            {create.isPending ? 'Creating…' : 'Create the fields'}
          </button>
        )}
      </div>
      <CheckResult state={check.state} />
      {missing.length > 0 && (
        <p className="hint">
          Missing in {CRM_LABELS[mode]}: <span className="field-names">{missing.join(', ')}</span>
          {found?.canCreateFields ? ' — "Create the fields" makes them.' : ''}
        </p>
      )}
      {/* Always mounted so screen readers announce what is put in it. */}
      <p role="status" className="hint ok-text crm-created">
        {create.isSuccess ? create.data.message : ''}
      </p>
      {create.isError && (
        <p role="alert" className="error-text hint">
          Could not create the fields: {errorMessage(create.error)}
        </p>
      )}
      {mode === 'salesforce' && (
        <p className="muted hint">
          The app cannot make Salesforce fields: in Setup → Object Manager → {object} → Fields &amp;
          Relationships, make a Text field whose API name is <code>{field}</code>
          {field.endsWith('__c') && (
            <>
              {' '}
              (Field Name <code>{field.slice(0, -3)}</code>)
            </>
          )}{' '}
          and tick <strong>External ID</strong> and <strong>Unique</strong>.
        </p>
      )}
      {mode === 'hubspot' && (
        <p className="muted hint">
          &quot;Create the fields&quot; makes the lead id property (unique values) and the other contact
          properties the app writes, where they are missing.
        </p>
      )}
      {mode === 'pipedrive' && (
        <p className="muted hint">
          &quot;Create the fields&quot; makes the person fields the app writes (the lead id among them), where
          they are missing.
        </p>
      )}
    </div>
  );
}
