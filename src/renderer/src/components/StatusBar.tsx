import type { RateLimitView, StatusView } from '@shared/contract';
import { formatNumber, formatTimeLeft } from '../format';
import { useNow } from '../hooks/useNow';

interface Props {
  status: StatusView | null;
  error: string | null;
}

function databaseText(database: StatusView['database']): string {
  switch (database.state) {
    case 'connected':
      return 'Database connected';
    case 'disconnected':
      return `Database disconnected${database.message ? `: ${database.message}` : ''}`;
    case 'not_configured':
      return database.message ?? 'No database configured: set MONGODB_URI';
  }
}

function QuotaText({ rateLimit }: { rateLimit: RateLimitView }) {
  const now = useNow(30_000);
  if (rateLimit.remaining === null) return null;
  const of = rateLimit.limit === null ? '' : ` of ${formatNumber(rateLimit.limit)}`;
  const resetsAt = rateLimit.resetsAt ? new Date(rateLimit.resetsAt).getTime() : NaN;
  const resets = Number.isNaN(resetsAt) ? '' : ` (resets in ${formatTimeLeft(resetsAt - now)})`;
  const low = rateLimit.limit !== null && rateLimit.remaining < rateLimit.limit * 0.1;
  return (
    <span className={`num ${low ? 'warning-text' : ''}`}>
      Quota left: {formatNumber(rateLimit.remaining)}
      {of}
      {resets}
    </span>
  );
}

export function StatusBar({ status, error }: Props) {
  const state = error ? 'error' : (status?.database.state ?? 'unknown');
  return (
    <footer className="status-bar">
      <span role="status" className="status-db">
        <span className={`dot dot-${state}`} aria-hidden="true" />
        {error
          ? `Status unavailable: ${error}`
          : status
            ? databaseText(status.database)
            : 'Checking database…'}
      </span>
      {status?.rateLimit && <QuotaText rateLimit={status.rateLimit} />}
    </footer>
  );
}
