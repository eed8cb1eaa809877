import { useState } from 'react';
import { useSaveSettings } from '../hooks/useSaveSettings';

/** Turns the background sync job on or off; the switch shows what the core answered, not the click. */
export function SyncToggle({ enabled }: { enabled: boolean }) {
  const save = useSaveSettings();
  // What the last click asked for, to name it if the core refused it.
  const [asked, setAsked] = useState(enabled);
  return (
    <div className="sync-toggle">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={save.saving}
          onChange={(event) => {
            setAsked(event.target.checked);
            void save.save({ sync: { enabled: event.target.checked } });
          }}
        />
        <span className="field-label">Background sync</span>
      </label>
      <span className="muted">{enabled ? 'On' : 'Off'}</span>
      {save.error && (
        <p role="alert" className="error-text">
          Could not turn background sync {asked ? 'on' : 'off'}: {save.error}
        </p>
      )}
    </div>
  );
}
