import { useId } from 'react';
import { useSaveSettings } from '../hooks/useSaveSettings';

interface Props {
  /** Opens the Database settings with the connection string preselected; saving there ends the first run. */
  onChooseUri: () => void;
}

/** The welcome screen on a first start: where to keep the leads, explained in plain words. */
export function FirstRunScreen({ onChooseUri }: Props) {
  const id = useId();
  const save = useSaveSettings();
  return (
    <main className="first-run" aria-labelledby={`${id}-title`}>
      <div className="first-run-inner">
        <h2 id={`${id}-title`} className="first-run-title">
          Welcome to Lead Enricher
        </h2>
        <p className="muted">Choose where your leads are kept. You can change it later in Settings.</p>
        <div className="first-run-choices">
          <section className="card first-run-choice" aria-labelledby={`${id}-local`}>
            <h3 id={`${id}-local`} className="card-title">
              This computer
            </h3>
            <ul>
              <li>Works offline; nothing to set up.</li>
              <li>Your data stays on this computer.</li>
              <li className="muted">
                The first start downloads the database engine once (about 100 MB) if it is not installed.
              </li>
            </ul>
            <button
              type="button"
              className="primary"
              disabled={save.saving}
              onClick={() => void save.save({ database: { mode: 'local' }, firstRunDone: true })}
            >
              {save.saving ? 'Starting…' : 'Use this computer'}
            </button>
          </section>
          <section className="card first-run-choice" aria-labelledby={`${id}-uri`}>
            <h3 id={`${id}-uri`} className="card-title">
              MongoDB Atlas (or any MongoDB)
            </h3>
            <ul>
              <li>Share leads with your team: everyone on the same database sees the same leads.</li>
              <li>Paste the connection string (in Atlas: Connect → Drivers).</li>
            </ul>
            <button type="button" disabled={save.saving} onClick={onChooseUri}>
              Use a connection string
            </button>
          </section>
        </div>
        {save.error && (
          <div role="alert" className="alert alert-error">
            {save.error}
          </div>
        )}
      </div>
    </main>
  );
}
