import type { SettingsView } from '@shared/contract';
import { useSaveSettings } from '../../hooks/useSaveSettings';
import { SettingsCard } from './SettingsCard';

interface Props {
  settings: SettingsView;
  headingId: string;
}

/**
 * How secrets are kept. Where the OS offers no encryption, secrets are kept only with the person's
 * explicit consent, which takes effect at once (no Save) and can be withdrawn.
 */
export function SecretStorageSection({ settings, headingId }: Props) {
  const save = useSaveSettings();
  return (
    <SettingsCard headingId={headingId} title="Secret storage">
      {settings.secretStorage === 'encrypted' && (
        <p className="muted hint">Secrets are encrypted by your operating system&apos;s keychain.</p>
      )}
      {settings.secretStorage === 'needs_consent' && (
        <>
          <div className="alert alert-warning">
            This computer offers no encrypted storage for secrets. Secrets (connection string password, API
            key, webhook secret) would be stored unencrypted in the app&apos;s settings file.
          </div>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={false}
              disabled={save.saving}
              onChange={() => void save.save({ allowPlaintextSecrets: true })}
            />
            Store them unencrypted
          </label>
        </>
      )}
      {settings.secretStorage === 'plaintext' && (
        <>
          <div className="alert alert-warning">
            Secrets are stored unencrypted in the app&apos;s settings file: this computer offers no encrypted
            storage. Anyone who can read your files can read them.
          </div>
          <div className="field-row">
            <button
              type="button"
              disabled={save.saving}
              onClick={() => void save.save({ allowPlaintextSecrets: false })}
            >
              Stop storing them unencrypted
            </button>
            <span className="muted hint">
              No new secret can then be saved; saved ones stay until you remove them.
            </span>
          </div>
        </>
      )}
      {save.error && (
        <div role="alert" className="alert alert-error">
          {save.error}
        </div>
      )}
    </SettingsCard>
  );
}
