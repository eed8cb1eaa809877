import { useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SyncStatusView } from '@shared/contract';
import { errorMessage } from '../hooks/errorMessage';

interface Props {
  api: LeadEnricherApi;
  enabled: boolean;
  onChange: (status: SyncStatusView) => void;
}

/** Turns the background sync job on or off; the switch shows what the core answered, not the click. */
export function SyncToggle({ api, enabled, onChange }: Props) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setSaving(true);
    setError(null);
    try {
      onChange(await api.configureSync({ enabled: next }));
    } catch (err) {
      setError(`Could not turn background sync ${next ? 'on' : 'off'}: ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="sync-toggle">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={saving}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <span className="field-label">Background sync</span>
      </label>
      <span className="muted">{enabled ? 'On' : 'Off'}</span>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
