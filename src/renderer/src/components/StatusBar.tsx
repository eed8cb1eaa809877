import type { LeadEnricherApi } from '@shared/api';
import { describeDatabase } from '../databaseStatus';
import { useRetryLocalDatabase } from '../hooks/useRetryLocalDatabase';
import type { Status } from '../hooks/useStatus';
import { DatabaseStatus } from './DatabaseStatus';
import { QuotaText } from './QuotaText';

interface Props {
  api: LeadEnricherApi;
  status: Status;
  /** Opens Settings at Database; `preferUri` preselects the connection string choice. */
  onOpenDatabaseSettings: (preferUri: boolean) => void;
}

/** The buttons next to a database state that needs the person: retry, or go to Settings. */
function DatabaseActions({ api, status, onOpenDatabaseSettings }: Props) {
  const retry = useRetryLocalDatabase(api, status.accept);
  const action = status.status ? describeDatabase(status.status.database).action : null;
  if (!action) return null;
  return (
    <span className="status-actions">
      {action === 'retry_local' && (
        <>
          <button
            type="button"
            className="status-action"
            disabled={retry.busy}
            onClick={() => void retry.retry()}
          >
            {retry.busy ? 'Retrying…' : 'Retry'}
          </button>
          <button type="button" className="status-action" onClick={() => onOpenDatabaseSettings(true)}>
            Use a connection string
          </button>
        </>
      )}
      {action === 'set_up' && (
        <button type="button" className="status-action" onClick={() => onOpenDatabaseSettings(false)}>
          Set up database
        </button>
      )}
      {action === 'open_settings' && (
        <button type="button" className="status-action" onClick={() => onOpenDatabaseSettings(false)}>
          Database settings
        </button>
      )}
      {retry.error && (
        <span role="alert" className="error-text">
          {retry.error}
        </span>
      )}
    </span>
  );
}

export function StatusBar(props: Props) {
  const { status, error } = props.status;
  return (
    <footer className="status-bar">
      <span className="status-left">
        <span role="status" className="status-db">
          {error ? (
            <>
              <span className="dot dot-error" aria-hidden="true" />
              <span className="error-text">Status unavailable: {error}</span>
            </>
          ) : status ? (
            <DatabaseStatus database={status.database} />
          ) : (
            <>
              <span className="dot" aria-hidden="true" />
              Checking database…
            </>
          )}
        </span>
        {!error && <DatabaseActions {...props} />}
      </span>
      {status?.rateLimit && <QuotaText rateLimit={status.rateLimit} />}
    </footer>
  );
}
