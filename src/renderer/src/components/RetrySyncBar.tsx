import { plural } from '../format';

interface Props {
  /** Failed leads are in view: offer to queue them again. */
  show: boolean;
  /** How many failed leads match, when the table is filtered to them. */
  failedTotal: number | null;
  busy: boolean;
  message: string | null;
  error: string | null;
  onRetry: () => void;
}

/** The bulk "Retry sync for failed" of the leads table, and what the last retry did. */
export function RetrySyncBar({ show, failedTotal, busy, message, error, onRetry }: Props) {
  return (
    <>
      {show && (
        <div className="retry-sync-bar">
          <span>
            {failedTotal === null
              ? 'Some leads here could not be sent to the CRM.'
              : `${plural(failedTotal, 'lead')} could not be sent to the CRM.`}
          </span>
          <button
            type="button"
            disabled={busy}
            title="Queue every failed lead matching the status tab and search for another attempt"
            onClick={onRetry}
          >
            {busy ? 'Queuing…' : 'Retry sync for failed'}
          </button>
        </div>
      )}
      {/* Always mounted so screen readers announce the outcome. */}
      <p role="status" className="retry-sync-status muted">
        {message}
      </p>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
    </>
  );
}
