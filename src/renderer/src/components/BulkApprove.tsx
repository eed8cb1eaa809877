import { formatNumber } from '../format';
import { useCrmActions } from '../hooks/useCrmActions';

interface Props {
  /** The selected leads. */
  ids: readonly string[];
}

/** Reviewed sync mode: the selected Verified leads approved for the CRM in one go (others are left as they are). */
export function BulkApprove({ ids }: Props) {
  const crm = useCrmActions();
  return (
    <div className="bulk-verdicts" role="group" aria-label="CRM approval of the selected leads">
      <button
        type="button"
        className="small"
        disabled={ids.length === 0 || crm.busy}
        onClick={() => crm.run({ kind: 'approve-selected', ids })}
      >
        Approve {formatNumber(ids.length)} for the CRM
      </button>
      {crm.message && (
        <span role="status" className="muted">
          {crm.message}
        </span>
      )}
      {crm.error && (
        <span role="alert" className="error-text">
          {crm.error}
        </span>
      )}
    </div>
  );
}
