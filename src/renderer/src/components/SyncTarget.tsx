import type { CrmMode } from '@shared/crm';
import { CRM_LABELS, type SyncMode } from '@shared/crm';
import { useOpenSettings } from './settings/openSettings';

const WHAT_IT_MEANS: Record<CrmMode, string> = {
  simulated:
    'Nothing leaves this computer: no CRM is called, each delivery is only written to the sync log below. ' +
    'To send leads to HubSpot, Pipedrive, Salesforce or a webhook, connect it in Settings → CRM.',
  webhook: 'Leads are posted to your webhook, signed with its secret; a repeat carries the same key.',
  hubspot: 'Leads become HubSpot contacts, upserted by their lead id: a repeat updates the same contact.',
  pipedrive: 'Leads become Pipedrive persons, found by their lead id: a repeat updates the same person.',
  salesforce: 'Leads are upserted into Salesforce by their External Id: a repeat updates the same record.',
};

const SYNC_MODE_TEXT: Record<SyncMode, string> = {
  automatic: 'Automatic: Verified leads are sent by themselves.',
  reviewed: 'Reviewed: nothing is sent until a person approves it.',
};

/** Where leads go and what that means, with the way to change it. */
export function SyncTarget({ mode, syncMode }: { mode: CrmMode; syncMode: SyncMode | null }) {
  const openSettings = useOpenSettings();
  return (
    <div className="sync-target">
      <p>
        <strong>CRM: {CRM_LABELS[mode]}</strong>
        {' — '}
        {WHAT_IT_MEANS[mode]}
      </p>
      {syncMode && <p className="muted">{SYNC_MODE_TEXT[syncMode]}</p>}
      {openSettings && (
        <button type="button" className="small" onClick={() => openSettings('crm')}>
          {mode === 'simulated' ? 'Connect a real CRM…' : 'Change the CRM…'}
        </button>
      )}
    </div>
  );
}
