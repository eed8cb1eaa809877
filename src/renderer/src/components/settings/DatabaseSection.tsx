import { useId, useState } from 'react';
import type { SettingsView } from '@shared/contract';
import { useApi } from '../../api/ApiProvider';
import { databaseNamedBy } from '../../connectionString';
import type { DatabaseInfo } from '../../databaseStatus';
import { useCheck } from '../../hooks/useCheck';
import { useSaveSettings } from '../../hooks/useSaveSettings';
import { DatabaseStatus } from '../DatabaseStatus';
import { CheckResult } from './CheckResult';
import { Field } from './Field';
import { SecretField } from './SecretField';
import { SectionForm } from './SectionForm';
import { SettingsCard } from './SettingsCard';
import { KEEP, changed, compact, hasSecret, secretChange, typedSecret, type SecretDraft } from './changes';
import { useReportUnsaved } from './drafts';

type Mode = SettingsView['database']['mode'];

interface Props {
  settings: SettingsView;
  /** The live database state, to see the switch happen after saving. */
  database: DatabaseInfo | null;
  headingId: string;
  /** Opened from "Use a connection string": that choice is preselected. */
  preferUri: boolean;
}

const URI_PLACEHOLDER = 'mongodb+srv://user:password@cluster0.example.net/leads';

/** Where the leads are kept: the local database or a connection string. Saving switches without restart. */
export function DatabaseSection({ settings, database, headingId, preferUri }: Props) {
  const api = useApi();
  const id = useId();
  const saved = settings.database;
  // Drafts: null (or KEEP) follows the saved value, which pushed settings may change.
  const [mode, setMode] = useState<Mode | null>(preferUri ? 'uri' : null);
  const [uri, setUri] = useState<SecretDraft>(KEEP);
  const [name, setName] = useState<string | null>(null);
  // Edited by the person (the preselected "connection string" of preferUri is no edit of theirs).
  const [touched, setTouched] = useState(false);
  const save = useSaveSettings();
  const check = useCheck();

  const currentMode = mode ?? saved.mode;
  const typedUri = typedSecret(uri);
  const change = compact({
    mode: changed(mode, saved.mode),
    uri: secretChange(uri),
    name: changed(name === null ? null : name.trim(), saved.name),
  });
  // Saving from the first-run screen's "Use a connection string" also ends the first run.
  const firstRun = !settings.firstRunDone;
  useReportUnsaved('database', touched && change !== undefined);
  // A database named in the connection string is the one used: the name field would not apply.
  const namedByUri =
    currentMode === 'uri'
      ? databaseNamedBy(typedUri ?? (uri.kind === 'remove' ? null : saved.uri.masked))
      : null;
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setTouched(true);
      set(value);
    };

  async function submit() {
    if (currentMode === 'uri' && !hasSecret(uri, saved.uri.set)) {
      save.fail('Paste a connection string to use one, or choose This computer.');
      return;
    }
    const ok = await save.save({
      ...(change && { database: change }),
      ...(firstRun && { firstRunDone: true }),
    });
    if (ok) {
      setMode(null);
      setUri(KEEP);
      setName(null);
      setTouched(false);
    }
  }

  return (
    <SettingsCard
      headingId={headingId}
      title="Database"
      intro={
        database && (
          <p className="settings-now">
            <span>Now:</span> <DatabaseStatus database={database} />
          </p>
        )
      }
    >
      <SectionForm
        title="Database"
        save={save}
        canSave={change !== undefined || firstRun}
        onSubmit={() => void submit()}
      >
        <fieldset className="choices">
          <legend className="field-label">Where the leads are kept</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={currentMode === 'local'}
              onChange={() => edit(setMode)('local')}
            />
            <span>
              <span className="choice-title">This computer (local database)</span>
              <span className="muted hint">
                Works offline, nothing to set up; the data stays on this computer.
              </span>
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={currentMode === 'uri'}
              onChange={() => edit(setMode)('uri')}
            />
            <span>
              <span className="choice-title">MongoDB connection string (e.g. Atlas)</span>
              <span className="muted hint">Share the leads with your team through one database.</span>
            </span>
          </label>
        </fieldset>
        {currentMode === 'uri' && (
          <>
            <SecretField
              id={`${id}-uri`}
              label="Connection string"
              saved={saved.uri}
              draft={uri}
              onChange={edit(setUri)}
              placeholder={URI_PLACEHOLDER}
              hint="In Atlas: Connect → Drivers. Once saved, it is only ever shown masked."
              needsConsent={settings.secretStorage === 'needs_consent'}
            />
            <div className="check-row">
              <button
                type="button"
                disabled={check.running || !hasSecret(uri, saved.uri.set)}
                onClick={() => check.run(() => api.settings.testDatabase(typedUri ? { uri: typedUri } : {}))}
              >
                {check.running ? 'Testing…' : 'Test connection'}
              </button>
              <CheckResult state={check.state} />
            </div>
          </>
        )}
        {namedByUri ? (
          <p className="field">
            <span className="field-label">Database</span>
            <span>
              The connection string names the database <code>{namedByUri}</code>: the leads are kept there.
            </span>
          </p>
        ) : (
          <Field
            id={`${id}-name`}
            label="Database name"
            hint={
              currentMode === 'uri'
                ? 'Used because the connection string names no database. Letters, digits, - and _ only.'
                : 'Letters, digits, - and _ only.'
            }
          >
            <input
              id={`${id}-name`}
              type="text"
              value={name ?? saved.name}
              maxLength={60}
              spellCheck={false}
              autoComplete="off"
              aria-describedby={`${id}-name-hint`}
              onChange={(event) => edit(setName)(event.target.value)}
            />
          </Field>
        )}
      </SectionForm>
    </SettingsCard>
  );
}
