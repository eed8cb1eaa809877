import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { EnrichPlan, EnrichReview, EnrichSummary } from '@shared/contract';
import { parsePaste, type NameColumnChoice, type ParsedPaste } from '@shared/names';
import { LIST_FILE_EXTENSIONS } from '@shared/shell';
import { useApi } from '../api/ApiProvider';
import { useFiles, type LocalFile } from '../api/files';
import { formatNumber, plural, unstored } from '../format';
import { errorMessage } from '../hooks/errorMessage';
import { planQuery, usePlanQuery } from '../hooks/queries';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { applyFixes, correctedNames, type Fixes } from '../review';
import { ColumnChoice } from './ColumnChoice';
import { DotList } from './DotList';
import { EnrichCost, needsChoice } from './EnrichCost';
import { QuotaChoiceDialog } from './QuotaChoiceDialog';
import { ReviewDialog, type ReviewSource } from './ReviewDialog';

/** What a run is started with: a paste, or a file the core reads; the name column when it is a table. */
export type EnrichRequest =
  | { kind: 'paste'; text: string; column?: NameColumnChoice }
  | { kind: 'file'; file: LocalFile; column?: NameColumnChoice; corrections: string[] };

interface Props {
  busy: boolean;
  /** Starts the run; resolves with its summary, or null when it failed (the error is shown elsewhere). */
  onEnrich: (request: EnrichRequest) => Promise<EnrichSummary | null>;
}

/** The cost is asked once typing pauses, not on every key. */
export const PLAN_DEBOUNCE_MS = 400;
const ACCEPT = LIST_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',');

function countParts(parsed: ParsedPaste): string[] {
  const parts = [
    `${plural(parsed.names.length, 'name')} detected`,
    `${plural(parsed.duplicatesFolded, 'duplicate')} folded`,
  ];
  if (parsed.invalid.length > 0) parts.push(`${formatNumber(parsed.invalid.length)} invalid`);
  return parts;
}

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function PastePanel({ busy, onEnrich }: Props) {
  const api = useApi();
  const files = useFiles();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<LocalFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [receiving, setReceiving] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // The person's name column, for the table now pasted or chosen (a new table starts from the guess).
  const [column, setColumn] = useState<{ of: string; choice: NameColumnChoice } | null>(null);
  // Parsing a multi-megabyte paste must not make typing lag: count from a deferred copy.
  const deferredText = useDeferredValue(text);
  // A table is known by its first row (its header): another table pasted starts from the guess again.
  const sourceKey = file ? `file:${file.path}` : `paste:${deferredText.split(/\r\n|\n|\r/u, 1)[0] ?? ''}`;
  const chosenColumn = column?.of === sourceKey ? column.choice : undefined;
  const parsed = useMemo(
    () => parsePaste(deferredText, chosenColumn === undefined ? {} : { column: chosenColumn }),
    [deferredText, chosenColumn],
  );
  const planText = useDebouncedValue(deferredText, PLAN_DEBOUNCE_MS);
  const plan = usePlanQuery(planText, chosenColumn, !busy && !file && planText.trim() !== '');
  const [choice, setChoice] = useState<{ request: EnrichRequest; plan: EnrichPlan } | null>(null);
  const [review, setReview] = useState<ReviewSource | null>(null);
  // A ref, not state: Enrich pressed twice while the cost is asked must start one run.
  const submitting = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const canEnrich = !busy && (file !== null || parsed.names.length > 0);
  const showCost = !file && plan.data !== undefined && parsed.names.length > 0 && !busy;

  async function run(request: EnrichRequest) {
    const summary = await onEnrich(request);
    // Clear only when every name has an outcome in the database, and only if the person has not started
    // typing the next batch: names the database could not take stay here to be enriched again.
    if (!summary || unstored(summary) > 0) return;
    if (request.kind === 'paste') setText((current) => (current === request.text ? '' : current));
    else setFile((current) => (current?.path === request.file.path ? null : current));
  }

  /** The quota choice when the quota left cannot pay for every name, else the run at once. */
  async function startOrChoose(request: EnrichRequest, known?: EnrichPlan) {
    // The cost again, as it is now: another app may have spent the quota since it was shown.
    const fresh =
      known ??
      (request.kind === 'paste'
        ? await client
            .fetchQuery({ ...planQuery(api, request.text, request.column), staleTime: 0 })
            .catch(() => null)
        : null);
    if (fresh && needsChoice(fresh)) setChoice({ request, plan: fresh });
    else await run(request);
  }

  async function submit() {
    if (!canEnrich || submitting.current) return;
    if (file) {
      setReview({ kind: 'file', file });
      return;
    }
    const submitted = text;
    const now = parsePaste(submitted, chosenColumn === undefined ? {} : { column: chosenColumn });
    if (now.names.length === 0) return;
    // Anything to decide (a refused entry, a table's name column) is reviewed first; plain names go at once.
    if (now.invalid.length > 0 || now.table) {
      setReview({ kind: 'paste', text: submitted });
      return;
    }
    submitting.current = true;
    try {
      await startOrChoose({ kind: 'paste', text: submitted });
    } finally {
      submitting.current = false;
    }
  }

  function enrichReviewed(fixes: Fixes, reviewed: EnrichReview, reviewedPlan: EnrichPlan) {
    const source = review;
    setReview(null);
    if (!source) return;
    const request: EnrichRequest =
      source.kind === 'paste'
        ? {
            kind: 'paste',
            text: applyFixes(source.text, reviewed.refused.items, fixes),
            ...(chosenColumn === undefined ? {} : { column: chosenColumn }),
          }
        : {
            kind: 'file',
            file: source.file,
            ...(chosenColumn === undefined ? {} : { column: chosenColumn }),
            corrections: correctedNames(reviewed.refused.items, fixes),
          };
    void startOrChoose(request, reviewedPlan);
  }

  async function receive(dropped: File) {
    setFileError(null);
    setReceiving(dropped.name);
    try {
      setFile(await files.receive(dropped));
    } catch (err) {
      setFileError(errorMessage(err));
    } finally {
      setReceiving(null);
    }
  }

  async function chooseFile() {
    setFileError(null);
    if (!files.pick) {
      fileInput.current?.click();
      return;
    }
    try {
      const picked = await files.pick();
      if (picked) setFile(picked);
    } catch (err) {
      setFileError(errorMessage(err));
    }
  }

  // A file dropped anywhere on the window is the list too; it never replaces the page (the browser's default).
  const receiveRef = useRef(receive);
  useEffect(() => {
    receiveRef.current = receive;
  });
  useEffect(() => {
    const over = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const drop = (event: globalThis.DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      const dropped = event.dataTransfer.files[0];
      if (dropped && !busy) void receiveRef.current(dropped);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [busy]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  const dropProps = {
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event) || busy) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (event.currentTarget === event.target) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      // Taken here: the window's own listener is not to take it again.
      event.stopPropagation();
      setDragging(false);
      const dropped = event.dataTransfer.files[0];
      if (dropped && !busy) void receive(dropped);
    },
  };

  return (
    <div className={`paste-panel ${dragging ? 'dragging' : ''}`} {...dropProps}>
      {file ? (
        <div className="file-card">
          <span className="field-label">List file</span>
          <p className="file-name" title={file.path}>
            <bdi>{file.name}</bdi>
          </p>
          <p className="muted">Press Enrich to review its names before anything is asked.</p>
          <button type="button" className="small" disabled={busy} onClick={() => setFile(null)}>
            Remove file
          </button>
        </div>
      ) : (
        <>
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
              'Paste names: one per line, or separated by commas, semicolons or tabs, or rows from a spreadsheet.\nDuplicates are folded. Or drop a CSV or Excel file here.'
            }
            aria-describedby={`${id}-count ${id}-hint`}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            spellCheck={false}
          />
          <p id={`${id}-count`} className="paste-count num">
            <DotList parts={countParts(parsed)} />
          </p>
          {parsed.table && (
            <ColumnChoice
              table={parsed.table}
              onChange={(next) => setColumn({ of: sourceKey, choice: next })}
              disabled={busy}
            />
          )}
        </>
      )}
      {showCost && (
        <EnrichCost
          id={`${id}-cost`}
          plan={plan.data}
          stale={plan.isPlaceholderData || planText !== deferredText || plan.isFetching}
        />
      )}
      {receiving && (
        <p className="muted" role="status">
          Opening <bdi>{receiving}</bdi>…
        </p>
      )}
      {fileError && (
        <p role="alert" className="alert alert-error">
          {fileError}
        </p>
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
        <button type="button" disabled={busy} onClick={() => void chooseFile()}>
          {file ? 'Another file…' : 'Open a file…'}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label="List file (CSV, TSV or Excel)"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) void receive(chosen);
          }}
        />
      </div>
      {!file && (
        <p id={`${id}-hint`} className="muted paste-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to enrich · CSV, TSV and Excel files can be dropped here
        </p>
      )}
      {review && (
        <ReviewDialog
          source={review}
          column={chosenColumn}
          onColumn={(next) => setColumn({ of: sourceKey, choice: next })}
          onEnrich={enrichReviewed}
          onCancel={() => setReview(null)}
        />
      )}
      {choice && (
        <QuotaChoiceDialog
          plan={choice.plan}
          onEnrich={() => {
            setChoice(null);
            void run(choice.request);
          }}
          onCancel={() => setChoice(null)}
        />
      )}
    </div>
  );
}
