import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { EnrichSummary } from '@shared/contract';
import { parsePaste, type ParsedPaste } from '@shared/names';
import { formatNumber, plural, unstored } from '../format';
import { DotList } from './DotList';

interface Props {
  busy: boolean;
  /** Starts the run; resolves with its summary, or null when it failed (the error is shown elsewhere). */
  onEnrich: (text: string) => Promise<EnrichSummary | null>;
}

function countParts(parsed: ParsedPaste): string[] {
  const parts = [
    `${plural(parsed.names.length, 'name')} detected`,
    `${plural(parsed.duplicatesFolded, 'duplicate')} folded`,
  ];
  if (parsed.invalid.length > 0) parts.push(`${formatNumber(parsed.invalid.length)} invalid`);
  return parts;
}

export function PastePanel({ busy, onEnrich }: Props) {
  const [text, setText] = useState('');
  // Parsing a multi-megabyte paste must not make typing lag: count from a deferred copy.
  const deferredText = useDeferredValue(text);
  const parsed = useMemo(() => parsePaste(deferredText), [deferredText]);
  const id = useId();
  const canEnrich = !busy && parsed.names.length > 0;

  async function submit() {
    const submitted = text;
    if (busy || parsePaste(submitted).names.length === 0) return;
    const summary = await onEnrich(submitted);
    // Clear only when every name has an outcome in the database, and only if the person has not started
    // typing the next batch: names the database could not take stay here to be enriched again.
    if (summary && unstored(summary) === 0) setText((current) => (current === submitted ? '' : current));
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
      <div className="paste-actions">
        <button type="button" className="primary" disabled={!canEnrich} onClick={() => void submit()}>
          Enrich
        </button>
        <span id={`${id}-hint`} className="muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to enrich
        </span>
      </div>
    </div>
  );
}
