import { formatNumber } from '../../format';
import { errorMessage } from '../../hooks/errorMessage';
import { useDecide } from '../../hooks/useDecide';

interface Props {
  /** The selected leads. */
  ids: readonly string[];
  /** The verdict was saved: the selection can be cleared. */
  onDecided?: () => void;
}

/**
 * Verdicts on a selection of leads, for the table's selection toolbar: each lead Verified in its top
 * guess (the country it shows), or rejected. A lead a person already decided gets the new verdict.
 */
export function BulkVerdicts({ ids, onDecided }: Props) {
  const decide = useDecide();
  const count = formatNumber(ids.length);
  const send = (decision: 'verified' | 'rejected') =>
    decide.mutate({ ids: [...ids], decision }, { onSuccess: () => onDecided?.() });
  return (
    <div className="bulk-verdicts" role="group" aria-label="Verdict on the selected leads">
      <button
        type="button"
        className="small"
        disabled={ids.length === 0 || decide.isPending}
        onClick={() => send('verified')}
      >
        Verify {count} as shown
      </button>
      <button
        type="button"
        className="small"
        disabled={ids.length === 0 || decide.isPending}
        onClick={() => send('rejected')}
      >
        Reject {count}
      </button>
      {decide.isError && (
        <span role="alert" className="error-text">
          Could not save the verdicts: {errorMessage(decide.error)}
        </span>
      )}
    </div>
  );
}
