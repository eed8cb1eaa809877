import type { SecretView } from '@shared/contract';
import { KEEP, type SecretDraft } from './changes';

interface Props {
  id: string;
  label: string;
  saved: SecretView;
  draft: SecretDraft;
  onChange: (draft: SecretDraft) => void;
  placeholder?: string;
  hint?: string;
  /** No encrypted storage and no consent yet: a new secret would be refused, say so up front. */
  needsConsent?: boolean;
}

/**
 * A secret: the renderer only ever has its masked form, so a saved one is shown masked with
 * Replace / Remove; a new one is typed into a password field. Nothing typed keeps the saved one.
 */
export function SecretField({ id, label, saved, draft, onChange, placeholder, hint, needsConsent }: Props) {
  // "connection string", but "API key": mid-sentence, an acronym keeps its capitals.
  const name = /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const editing = draft.kind === 'replace' || (!saved.set && draft.kind === 'keep');
  const hints = [editing && saved.set ? 'Leave it empty to keep the saved one.' : null, editing ? hint : null]
    .filter(Boolean)
    .join(' ');
  const consent = editing && needsConsent;
  const describedBy = [hints && `${id}-hint`, consent && `${id}-consent`].filter(Boolean).join(' ');

  return (
    <div className="field">
      {editing ? (
        <label htmlFor={id} className="field-label">
          {label}
        </label>
      ) : (
        <span className="field-label">{label}</span>
      )}
      {editing ? (
        <div className="field-row">
          <input
            id={id}
            type="password"
            className="wide-input"
            value={draft.kind === 'replace' ? draft.value : ''}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy || undefined}
            onChange={(event) => onChange({ kind: 'replace', value: event.target.value })}
          />
          {saved.set && (
            <button
              type="button"
              className="small"
              aria-label={`Cancel replacing the ${name}`}
              onClick={() => onChange(KEEP)}
            >
              Cancel
            </button>
          )}
        </div>
      ) : draft.kind === 'remove' ? (
        <div className="field-row">
          <span className="warning-text">The saved {name} will be removed when you save.</span>
          <button
            type="button"
            className="small"
            aria-label={`Undo removing the ${name}`}
            onClick={() => onChange(KEEP)}
          >
            Undo
          </button>
        </div>
      ) : (
        <div className="field-row">
          <code className="secret-mask" aria-label={`Saved ${name} (masked)`}>
            {saved.masked ?? 'Saved'}
          </code>
          <button
            type="button"
            className="small"
            aria-label={`Replace ${name}`}
            onClick={() => onChange({ kind: 'replace', value: '' })}
          >
            Replace
          </button>
          <button
            type="button"
            className="small"
            aria-label={`Remove ${name}`}
            onClick={() => onChange({ kind: 'remove' })}
          >
            Remove
          </button>
        </div>
      )}
      {hints && (
        <p id={`${id}-hint`} className="muted hint">
          {hints}
        </p>
      )}
      {consent && (
        <p id={`${id}-consent`} className="warning-text hint">
          This computer has no encrypted storage: allow unencrypted storage under Secret storage to save it.
        </p>
      )}
    </div>
  );
}
