import { syncRunParts } from '../format';
import type { SyncNowState } from '../hooks/useSyncNow';
import { DotList } from './DotList';

interface Props {
  state: SyncNowState;
  onStart: () => void;
}

/** The "Sync now" button and the outcome of the last click. */
export function SyncNowControl({ state, onStart }: Props) {
  const running = state.phase === 'running';
  const run = state.phase === 'done' ? state.result.run : null;
  return (
    <div className="sync-now">
      <button type="button" className="primary" disabled={running} onClick={onStart}>
        {running ? 'Syncing…' : 'Sync now'}
      </button>
      {/* Always mounted so screen readers announce what is put in it. */}
      <div role="status" aria-live="polite" className="sync-now-result">
        {state.phase === 'done' && (
          <p>
            {state.result.joined
              ? 'A sync was already running; joined it. '
              : run?.error
                ? 'Sync stopped: '
                : 'Sync finished: '}
            <DotList parts={syncRunParts(state.result.run)} />
          </p>
        )}
      </div>
      {run?.error && (
        <div role="alert" className="alert alert-error">
          <strong>Sync failed.</strong> {run.error}
        </div>
      )}
      {state.phase === 'failed' && (
        <div role="alert" className="alert alert-error">
          <strong>Sync failed.</strong> {state.message}
        </div>
      )}
    </div>
  );
}
