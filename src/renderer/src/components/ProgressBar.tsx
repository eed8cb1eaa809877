import type { EnrichProgress } from '@shared/contract';
import { formatNumber } from '../format';

interface Props {
  label: string;
  /** Undefined until the first progress event: the bar is then indeterminate. */
  progress: EnrichProgress | undefined;
  /** What the bar says before the first progress event. */
  startingText?: string;
}

/**
 * The names settled so far (leads, known, failed) of all the run's names. Cancelled and waiting ones are
 * not "done": a cancelled run never shows a full bar.
 */
export function ProgressBar({ label, progress, startingText = 'Starting…' }: Props) {
  const ratio = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const extra = progress
    ? [
        progress.cancelled > 0 ? `${formatNumber(progress.cancelled)} cancelled` : null,
        progress.waiting > 0 ? `${formatNumber(progress.waiting)} waiting` : null,
      ].filter(Boolean)
    : [];
  return (
    <div className="progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress?.total}
        aria-valuenow={progress?.done}
        aria-valuetext={progress ? `${progress.done} of ${progress.total} names` : 'Starting'}
        className={`progress-track ${progress ? '' : 'progress-indeterminate'}`}
      >
        {/* A transform set through the DOM, allowed by the style-src 'self' CSP. */}
        <div className="progress-fill" style={{ transform: `scaleX(${ratio})` }} />
      </div>
      <span className="progress-text num">
        {progress ? `${formatNumber(progress.done)} / ${formatNumber(progress.total)}` : startingText}
      </span>
      {extra.length > 0 && <span className="progress-extra muted num">{extra.join(' · ')}</span>}
    </div>
  );
}
