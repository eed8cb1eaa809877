import { describeDatabase, type DatabaseInfo } from '../databaseStatus';

const TONE_TEXT = { warning: 'warning-text', error: 'error-text' } as const;

/** A small bar for the engine download; the width is a transform, which the strict CSP allows. */
function DownloadBar({ percent }: { percent: number | null }) {
  return (
    <span
      role="progressbar"
      aria-label="Database engine download"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      className={`mini-progress ${percent === null ? 'progress-indeterminate' : ''}`}
    >
      <span className="progress-fill" style={{ transform: `scaleX(${(percent ?? 0) / 100})` }} />
    </span>
  );
}

/**
 * The database state: a coloured dot, the words, and the download bar while it runs. A long message
 * wraps rather than being cut, and its full text is also the tooltip.
 */
export function DatabaseStatus({ database }: { database: DatabaseInfo }) {
  const { tone, text, download } = describeDatabase(database);
  const textClass = tone === 'warning' || tone === 'error' ? TONE_TEXT[tone] : '';
  return (
    <span className="database-status">
      <span className={`dot dot-${tone}`} aria-hidden="true" />
      {download !== undefined && <DownloadBar percent={download} />}
      <span className={`database-status-text ${textClass}`} title={text}>
        {text}
      </span>
    </span>
  );
}
