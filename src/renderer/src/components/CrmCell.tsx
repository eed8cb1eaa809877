import type { LeadView } from '@shared/contract';
import { formatDateTime, formatTimeOrDay } from '../format';
import { useSettingsQuery } from '../hooks/queries';
import { useCrmActions } from '../hooks/useCrmActions';

interface Props {
  lead: LeadView;
  /** The current time, to show today's syncs as a time of day and older ones as a day. */
  now: number;
  onRetry: (lead: LeadView) => void;
  busy: boolean;
}

/** Reviewed mode: a Verified lead waits for a person, who approves it here (or in the CRM sync tab). */
function AwaitingApproval({ lead }: { lead: LeadView }) {
  const actions = useCrmActions();
  return (
    <span className="crm-action">
      <span className="warning-text" title="Reviewed mode: sent once a person approves it">
        Awaiting approval
      </span>
      <button
        type="button"
        className="small"
        aria-label={`Approve ${lead.name} for the CRM`}
        disabled={actions.busy}
        title={actions.error ?? undefined}
        onClick={() => actions.run({ kind: 'approve', id: lead.id, name: lead.name })}
      >
        Approve
      </button>
    </span>
  );
}

/** Where the lead stands with the CRM; a failed delivery can be queued again from here. */
export function CrmCell({ lead, now, onRetry, busy }: Props) {
  const reviewed = useSettingsQuery().data?.sync.mode === 'reviewed';
  switch (lead.syncState) {
    case 'not_applicable':
      return (
        <span className="muted" title="To Check leads are not sent to the CRM">
          —
        </span>
      );
    case 'pending':
      // A delivery that failed but has attempts left stays pending: say why it is still waiting.
      if (!lead.syncError && !lead.approved && reviewed && lead.status === 'Verified') {
        return <AwaitingApproval lead={lead} />;
      }
      if (!lead.syncError && lead.approved) {
        return (
          <span className="muted" title="Approved by a person: sent with the next sync">
            Approved
          </span>
        );
      }
      return lead.syncError ? (
        <span className="warning-text" title={`Last attempt failed, will retry: ${lead.syncError}`}>
          Pending (retrying)
        </span>
      ) : (
        <span className="muted" title="Sent with the next sync">
          Pending
        </span>
      );
    case 'synced':
      return lead.crmSyncedAt ? (
        <time className="crm-synced" dateTime={lead.crmSyncedAt} title={formatDateTime(lead.crmSyncedAt)}>
          Synced · {formatTimeOrDay(lead.crmSyncedAt, now)}
        </time>
      ) : (
        <span className="crm-synced">Synced</span>
      );
    case 'failed':
      return (
        <span className="crm-failed">
          <span className="crm-failed-text" title={lead.syncError ?? undefined}>
            Failed{lead.syncError ? `: ${lead.syncError}` : ''}
          </span>
          <button
            type="button"
            className="small"
            aria-label={`Retry sync of ${lead.name}`}
            disabled={busy}
            onClick={() => onRetry(lead)}
          >
            Retry sync
          </button>
        </span>
      );
  }
}
