import type { ReactNode } from 'react';
import type { SettingsSave } from '../../hooks/useSaveSettings';

interface Props {
  /** Names the Save button for screen readers: several sections have one. */
  title: string;
  save: SettingsSave;
  /** False while nothing was changed. */
  canSave: boolean;
  onSubmit: () => void;
  children: ReactNode;
}

/** A section's fields with its own Save, "Saved" once the core took it, or its answer when it refused. */
export function SectionForm({ title, save, canSave, onSubmit, children }: Props) {
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (canSave && !save.saving) onSubmit();
      }}
    >
      {children}
      {save.error && (
        <div role="alert" className="alert alert-error">
          {save.error}
        </div>
      )}
      <div className="settings-actions">
        {/* Always mounted so screen readers announce what is put in it. */}
        <span role="status" className="ok-text saved-note">
          {save.saved && !canSave ? 'Saved' : ''}
        </span>
        <button
          type="submit"
          className="primary"
          disabled={!canSave || save.saving}
          aria-label={save.saving ? `Saving ${title}…` : `Save ${title}`}
        >
          {save.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
