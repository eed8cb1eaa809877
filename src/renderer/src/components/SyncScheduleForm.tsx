import { useId, useState, type FormEvent } from 'react';
import { useSaveSettings } from '../hooks/useSaveSettings';
import { ScheduleHint, Tokens } from './Tokens';

interface Props {
  /** The saved schedule as typed ("5", "0 9 * * 1-5") and in words ("every 5 minutes"). */
  schedule: string;
  scheduleText: string;
}

/**
 * Edits the schedule. The core validates it: a rejected schedule changes nothing there, so the
 * saved schedule stays on screen and the typed one stays in the field to be corrected.
 */
export function SyncScheduleForm({ schedule, scheduleText }: Props) {
  const id = useId();
  // null: nothing typed, the field follows the saved schedule (which events may change).
  const [draft, setDraft] = useState<string | null>(null);
  // The core's refusal, shown until the person types again.
  const [showError, setShowError] = useState(false);
  const saveSettings = useSaveSettings();
  const saving = saveSettings.saving;
  const error = showError ? saveSettings.error : null;
  const value = draft ?? schedule;
  const trimmed = value.trim();
  const canSave = !saving && trimmed !== '' && trimmed !== schedule;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    setShowError(true);
    if (await saveSettings.save({ sync: { schedule: trimmed } })) setDraft(null);
  }

  return (
    <form className="sync-schedule" onSubmit={(event) => void save(event)}>
      <p>
        <span className="field-label">Schedule:</span>{' '}
        <span className="schedule-text">
          <Tokens text={scheduleText} />
        </span>
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
            setShowError(false);
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
        <ScheduleHint />
      </p>
    </form>
  );
}
