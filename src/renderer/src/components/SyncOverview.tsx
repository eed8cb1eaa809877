import type { CrmMode, SyncStatusView } from '@shared/contract';
import { CRM_LABELS } from '@shared/crm';
import { formatDateTime, formatRelative } from '../format';
import { useNow } from '../hooks/useNow';

const MODE_HINT: Record<CrmMode, string> = {
  simulated: 'No CRM is called: deliveries are written to the sync log',
  webhook: 'Leads are posted to the configured webhook',
  hubspot: 'Leads are sent to HubSpot as contacts',
  pipedrive: 'Leads are sent to Pipedrive as persons',
  salesforce: 'Leads are sent to Salesforce',
};

function NextRun({ status }: { status: SyncStatusView }) {
  const now = useNow(15_000);
  if (!status.enabled) return <span className="muted">Off</span>;
  if (!status.nextRunAt) return <span className="muted">Not scheduled</span>;
  return (
    <time dateTime={status.nextRunAt}>
      {formatRelative(status.nextRunAt, now)}{' '}
      <span className="muted">({formatDateTime(status.nextRunAt)})</span>
    </time>
  );
}

/** CRM mode, next scheduled run and whether a run is in flight. */
export function SyncOverview({ status }: { status: SyncStatusView }) {
  return (
    <dl className="facts">
      <div>
        <dt>CRM</dt>
        <dd title={MODE_HINT[status.mode]}>{CRM_LABELS[status.mode]}</dd>
      </div>
      <div>
        <dt>Next run</dt>
        <dd>
          <NextRun status={status} />
        </dd>
      </div>
      <div>
        <dt>State</dt>
        <dd>
          {status.running ? (
            <span className="sync-running">
              <span className="dot dot-running" aria-hidden="true" />
              Running
            </span>
          ) : (
            'Idle'
          )}
        </dd>
      </div>
    </dl>
  );
}
