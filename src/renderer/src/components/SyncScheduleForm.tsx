import { useId, useState, type FormEvent } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SyncStatusView } from '@shared/contract';
import { errorMessage } from '../hooks/errorMessage';

interface Props {
  api: LeadEnricherApi;
  /** The saved schedule as typed ("5", "0 9 * * 1-5") and in words ("every 5 minutes"). */
  schedule: string;
  scheduleText: string;
  onChange: (status: SyncStatusView) => void;
}

/**
 * Edits the schedule. The core validates it: a rejected schedule changes nothing there, so the
 * saved schedule stays on screen and the typed one stays in the field to be corrected.
 */
export function SyncScheduleForm({ api, schedule, scheduleText, onChange }: Props) {
  const id = useId();
  // null: nothing typed, the field follows the saved schedule (which events may change).
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const value = draft ?? schedule;
  const trimmed = value.trim();
  const canSave = !saving && trimmed !== '' && trimmed !== schedule;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    setSaving(true);
    try {
      onChange(await api.configureSync({ schedule: trimmed }));
      setDraft(null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="sync-schedule" onSubmit={(event) => void save(event)}>
      <p>
        <span className="field-label">Schedule:</span> <span>{scheduleText}</span>
      </p>
      <div className="sync-schedule-row">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          Schedule (minutes or cron)
        </label>
        <input
          id={`${id}-input`}
          type="text"
          className="schedule-input"
          value={value}
          maxLength={100}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" disabled={!canSave}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="error-text">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className="muted hint">
        Minutes between runs (<code>5</code>) or a cron expression (<code>*/15 9-18 * * 1-5</code>).
      </p>
    </form>
  );
}
