interface Props {
  problems: string[];
  onDismiss: () => void;
  /** Shown outside the Settings dialog: a way to go and fix them. */
  onOpenSettings?: () => void;
}

/** Stored settings that were invalid and were reset: the person should know, once. */
export function SettingsProblems({ problems, onDismiss, onOpenSettings }: Props) {
  return (
    <div role="alert" className="alert alert-warning settings-problems">
      <div className="settings-problems-text">
        <strong>Some settings could not be used and were reset:</strong>
        <ul>
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      </div>
      <div className="settings-problems-actions">
        {onOpenSettings && (
          <button type="button" className="small" onClick={onOpenSettings}>
            Open settings
          </button>
        )}
        <button type="button" className="small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
