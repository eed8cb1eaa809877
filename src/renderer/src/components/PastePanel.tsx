import { useDeferredValue, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { EnrichPlan, EnrichSummary } from '@shared/contract';
import { parsePaste, type ParsedPaste } from '@shared/names';
import { useApi } from '../api/ApiProvider';
import { formatNumber, plural, unstored } from '../format';
import { planQuery, usePlanQuery } from '../hooks/queries';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { DotList } from './DotList';
import { EnrichCost, needsChoice } from './EnrichCost';
import { QuotaChoiceDialog } from './QuotaChoiceDialog';

interface Props {
  busy: boolean;
  /** Starts the run; resolves with its summary, or null when it failed (the error is shown elsewhere). */
  onEnrich: (text: string) => Promise<EnrichSummary | null>;
}

/** The cost is asked once typing pauses, not on every key. */
export const PLAN_DEBOUNCE_MS = 400;

function countParts(parsed: ParsedPaste): string[] {
  const parts = [
    `${plural(parsed.names.length, 'name')} detected`,
    `${plural(parsed.duplicatesFolded, 'duplicate')} folded`,
  ];
  if (parsed.invalid.length > 0) parts.push(`${formatNumber(parsed.invalid.length)} invalid`);
  return parts;
}

export function PastePanel({ busy, onEnrich }: Props) {
  const api = useApi();
  const client = useQueryClient();
  const [text, setText] = useState('');
  // Parsing a multi-megabyte paste must not make typing lag: count from a deferred copy.
  const deferredText = useDeferredValue(text);
  const parsed = useMemo(() => parsePaste(deferredText), [deferredText]);
  const planText = useDebouncedValue(deferredText, PLAN_DEBOUNCE_MS);
  const plan = usePlanQuery(planText, !busy && planText.trim() !== '');
  const [choice, setChoice] = useState<{ text: string; plan: EnrichPlan } | null>(null);
  // A ref, not state: Enrich pressed twice while the cost is asked must start one run.
  const submitting = useRef(false);
  const id = useId();
  const canEnrich = !busy && parsed.names.length > 0;
  const showCost = plan.data !== undefined && parsed.names.length > 0 && !busy;

  async function run(submitted: string) {
    const summary = await onEnrich(submitted);
    // Clear only when every name has an outcome in the database, and only if the person has not started
    // typing the next batch: names the database could not take stay here to be enriched again.
    if (summary && unstored(summary) === 0) setText((current) => (current === submitted ? '' : current));
  }

  async function submit() {
    const submitted = text;
    if (busy || submitting.current || parsePaste(submitted).names.length === 0) return;
    submitting.current = true;
    try {
      // The cost again, as it is now: another app may have spent the quota since it was shown.
      const fresh = await client.fetchQuery({ ...planQuery(api, submitted), staleTime: 0 }).catch(() => null);
      if (fresh && needsChoice(fresh)) setChoice({ text: submitted, plan: fresh });
      else await run(submitted);
    } finally {
      submitting.current = false;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <div className="paste-panel">
      <label htmlFor={`${id}-names`} className="field-label">
        Names
      </label>
      <textarea
        id={`${id}-names`}
        className="paste-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={
          'Paste names: one per line, or separated by commas, semicolons or tabs.\nDuplicates are folded.'
        }
        aria-describedby={`${id}-count ${id}-hint`}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        spellCheck={false}
      />
      <p id={`${id}-count`} className="paste-count num">
        <DotList parts={countParts(parsed)} />
      </p>
      {showCost && (
        <EnrichCost
          id={`${id}-cost`}
          plan={plan.data}
          stale={plan.isPlaceholderData || planText !== deferredText || plan.isFetching}
        />
      )}
      <div className="paste-actions">
        <button
          type="button"
          className="primary"
          disabled={!canEnrich}
          aria-describedby={showCost ? `${id}-cost` : undefined}
          onClick={() => void submit()}
        >
          Enrich
        </button>
        <span id={`${id}-hint`} className="muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to enrich
        </span>
      </div>
      {choice && (
        <QuotaChoiceDialog
          plan={choice.plan}
          onEnrich={() => {
            setChoice(null);
            void run(choice.text);
          }}
          onCancel={() => setChoice(null)}
        />
      )}
    </div>
  );
}
