import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StatusView } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { describeDatabase } from '../databaseStatus';
import { errorMessage } from '../hooks/errorMessage';
import { useStatusQuery } from '../hooks/queries';
import { DatabaseStatus } from './DatabaseStatus';
import { QuotaText } from './QuotaText';

interface Props {
  /** No database chosen yet: its state (starting, a failed download) is no news to the person. */
  firstRun: boolean;
  /** Opens Settings at Database; `preferUri` preselects the connection string choice. */
  onOpenDatabaseSettings: (preferUri: boolean) => void;
}

/** The buttons next to a database state that needs the person: retry, or go to Settings. */
function DatabaseActions({
  status,
  onOpenDatabaseSettings,
}: { status: StatusView } & Pick<Props, 'onOpenDatabaseSettings'>) {
  const api = useApi();
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: () => api.database.retryLocal(),
    onSuccess: (next) => client.setQueryData(keys.status, next),
  });
  const action = describeDatabase(status.database).action;
  if (!action) return null;
  return (
    <span className="status-actions">
      {action === 'retry_local' && (
        <>
          <button
            type="button"
            className="status-action"
            disabled={retry.isPending}
            onClick={() => retry.mutate()}
          >
            {retry.isPending ? 'Retrying…' : 'Retry'}
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
      {retry.isError && (
        <span role="alert" className="error-text">
          Retry failed: {errorMessage(retry.error)}
        </span>
      )}
    </span>
  );
}

export function StatusBar({ firstRun, onOpenDatabaseSettings }: Props) {
  const { data: status, error } = useStatusQuery();
  return (
    <footer className="status-bar">
      <span className="status-left">
        <span role="status" className="status-db">
          {firstRun ? (
            <>
              <span className="dot dot-idle" aria-hidden="true" />
              No database chosen yet
            </>
          ) : error ? (
            <>
              <span className="dot dot-error" aria-hidden="true" />
              <span className="error-text">Status unavailable: {errorMessage(error)}</span>
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
        {!firstRun && !error && status && (
          <DatabaseActions status={status} onOpenDatabaseSettings={onOpenDatabaseSettings} />
        )}
      </span>
      {status?.rateLimit && <QuotaText rateLimit={status.rateLimit} />}
    </footer>
  );
}
