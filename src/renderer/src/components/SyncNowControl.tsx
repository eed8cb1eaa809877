import type { SyncNowResult } from '@shared/contract';
import { syncRunParts } from '../format';
import { DotList } from './DotList';

interface Props {
  running: boolean;
  /** The last click's outcome: the run, or why it could not run. */
  result: SyncNowResult | null;
  error: string | null;
  onStart: () => void;
}

/** The "Sync now" button and the outcome of the last click. */
export function SyncNowControl({ running, result, error, onStart }: Props) {
  const run = !running && result ? result.run : null;
  return (
    <div className="sync-now">
      <button type="button" className="primary" disabled={running} onClick={onStart}>
        {running ? 'Syncing…' : 'Sync now'}
      </button>
      {/* Always mounted so screen readers announce what is put in it. */}
      <div role="status" aria-live="polite" className="sync-now-result">
        {run && result && (
          <p>
            {result.joined
              ? 'A sync was already running; joined it. '
              : run?.error
                ? 'Sync stopped: '
                : 'Sync finished: '}
            <DotList parts={syncRunParts(run)} />
          </p>
        )}
      </div>
      {run?.error && (
        <div role="alert" className="alert alert-error">
          <strong>Sync failed.</strong> {run.error}
        </div>
      )}
      {!running && error && (
        <div role="alert" className="alert alert-error">
          <strong>Sync failed.</strong> {error}
        </div>
      )}
    </div>
  );
}
