import type { RateLimitView } from '@shared/contract';
import { formatNumber, formatRelative } from '../../format';

/** The API quota as the last answer's rate-limit headers gave it: used, left, and when it resets. */
export function QuotaMeter({ quota, now }: { quota: RateLimitView | null; now: number }) {
  if (!quota || quota.limit === null || quota.remaining === null) {
    return <p className="muted">Not known yet: the quota shows after the first lookup.</p>;
  }
  const used = Math.max(0, quota.limit - quota.remaining);
  const share = quota.limit > 0 ? Math.min(1, used / quota.limit) : 0;
  return (
    <div className="quota-meter">
      <div
        className="meter"
        role="meter"
        aria-label="Quota used"
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={used}
      >
        <span style={{ width: `${share * 100}%` }} />
      </div>
      <p>
        <strong className="num">{formatNumber(used)}</strong> used,{' '}
        <strong className="num">{formatNumber(quota.remaining)}</strong> left of {formatNumber(quota.limit)}
        {quota.resetsAt && <span className="muted"> · resets {formatRelative(quota.resetsAt, now)}</span>}
      </p>
    </div>
  );
}
