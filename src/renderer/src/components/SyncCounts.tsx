import type { SyncCountsView } from '@shared/crm';
import { formatNumber, plural } from '../format';

interface Props {
  counts: SyncCountsView;
  busy: boolean;
  onApproveAll: () => void;
}

/** Where the leads stand with the CRM, and (reviewed mode) the one click that approves every pending one. */
export function SyncCounts({ counts, busy, onApproveAll }: Props) {
  const reviewed = counts.mode === 'reviewed';
  const items = [
    {
      label: 'Pending',
      value: counts.pending,
      hint: reviewed ? 'Verified, waiting for a person to approve them' : 'Verified, sent with the next run',
    },
    { label: 'Approved', value: counts.approved, hint: 'Approved by a person, sent with the next run' },
    { label: 'Synced', value: counts.synced, hint: 'In the CRM' },
    {
      label: 'Failed',
      value: counts.failed,
      hint: 'The CRM refused them, or too many attempts: retry below',
    },
  ];
  return (
    <div className="sync-counts">
      <dl className="facts counts" aria-label="Leads and the CRM">
        {items.map((item) => (
          <div key={item.label} title={item.hint}>
            <dt>{item.label}</dt>
            <dd className={`num count ${item.label === 'Failed' && item.value > 0 ? 'error-text' : ''}`}>
              {formatNumber(item.value)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted hint">
        {counts.queued > 0
          ? `The next run sends ${plural(counts.queued, 'lead')}.`
          : 'The next run has nothing to send.'}
        {reviewed && counts.pending > 0 && ` ${plural(counts.pending, 'Verified lead')} wait for approval.`}
      </p>
      {reviewed && counts.pending > 0 && (
        <div>
          <button type="button" disabled={busy} onClick={onApproveAll}>
            Approve all pending ({formatNumber(counts.pending)})
          </button>
        </div>
      )}
    </div>
  );
}
