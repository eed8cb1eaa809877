import type { CheckState } from '../../hooks/useCheck';
import { QuotaText } from '../QuotaText';

/** A test's outcome: green when it worked, red with the message (which says what to do) when not. */
export function CheckResult({ state }: { state: CheckState }) {
  return (
    // Always mounted so screen readers announce what is put in it.
    <div role="status" aria-live="polite" className="check-result">
      {state.phase === 'running' && <span className="muted">Testing…</span>}
      {state.phase === 'done' && (
        <>
          <span className={state.result.ok ? 'ok-text' : 'error-text'}>
            <span aria-hidden="true">{state.result.ok ? '✓ ' : '✕ '}</span>
            {state.result.message}
          </span>
          {state.result.quota && (
            <span className="check-quota">
              <QuotaText rateLimit={state.result.quota} />
            </span>
          )}
        </>
      )}
    </div>
  );
}
