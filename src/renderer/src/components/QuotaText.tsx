import type { RateLimitView } from '@shared/contract';
import { formatDateTime, formatNumber, formatTimeLeft } from '../format';
import { useNow } from '../hooks/useNow';

/** "Quota left: 412 of 500 (resets in 2 h)", amber under 10% left; nothing when the API gave no count. */
export function QuotaText({ rateLimit }: { rateLimit: RateLimitView }) {
  const now = useNow(30_000);
  if (rateLimit.remaining === null) return null;
  const of = rateLimit.limit === null ? '' : ` of ${formatNumber(rateLimit.limit)}`;
  const resetsAt = rateLimit.resetsAt ? new Date(rateLimit.resetsAt).getTime() : NaN;
  const resets = Number.isNaN(resetsAt) ? '' : ` (resets in ${formatTimeLeft(resetsAt - now)})`;
  const low = rateLimit.limit !== null && rateLimit.remaining < rateLimit.limit * 0.1;
  return (
    <span
      className={`num ${low ? 'warning-text' : ''}`}
      title={rateLimit.resetsAt ? `Resets ${formatDateTime(rateLimit.resetsAt)}` : undefined}
    >
      Quota left: {formatNumber(rateLimit.remaining)}
      {of}
      {resets}
    </span>
  );
}
