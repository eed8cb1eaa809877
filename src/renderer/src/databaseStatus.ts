// What the status bar (and the Database settings) say about the database, from the pushed status.
import type { StatusView } from '@shared/contract';

export type DatabaseInfo = StatusView['database'];

/** ok: usable · busy: on its way · warning: lost, coming back · error: needs the person · idle: not set up. */
export type DatabaseTone = 'ok' | 'busy' | 'warning' | 'error' | 'idle';

/** What the person can do about the state, offered as a button next to it. */
export type DatabaseAction = 'retry_local' | 'set_up' | 'open_settings';

export interface DatabaseDescription {
  tone: DatabaseTone;
  text: string;
  /** While the database engine downloads: its percentage, or null when unknown. Else undefined. */
  download?: number | null;
  action: DatabaseAction | null;
}

function connected(database: DatabaseInfo): string {
  if (database.mode === 'local') return 'Connected · this computer';
  return database.target ? `Connected to ${database.target}` : 'Connected';
}

function connecting(database: DatabaseInfo): DatabaseDescription {
  const local = database.mode === 'local' ? database.local : null;
  if (local?.phase === 'downloading') {
    const percent = local.percent === null ? null : Math.max(0, Math.min(100, Math.round(local.percent)));
    const text =
      percent === null ? 'Downloading the database engine…' : `Downloading the database engine: ${percent}%`;
    return { tone: 'busy', text, download: percent, action: null };
  }
  if (database.mode === 'local') return { tone: 'busy', text: 'Starting the local database…', action: null };
  const text = database.target ? `Connecting to ${database.target}…` : 'Connecting…';
  return { tone: 'busy', text, action: null };
}

export function describeDatabase(database: DatabaseInfo): DatabaseDescription {
  switch (database.state) {
    case 'connected':
      return { tone: 'ok', text: connected(database), action: null };
    case 'connecting':
      return connecting(database);
    case 'disconnected':
      return {
        tone: 'warning',
        text: `Disconnected: ${database.message ?? 'the database cannot be reached'}`,
        action: null,
      };
    case 'error': {
      const localFailed = database.mode === 'local' && database.local?.phase === 'failed';
      const message = database.message ?? database.local?.message ?? 'the database cannot be used';
      // A broken local engine can be retried; a connection string can only be fixed in Settings.
      return {
        tone: 'error',
        text: `Error: ${message}`,
        action: localFailed ? 'retry_local' : 'open_settings',
      };
    }
    case 'not_configured':
      return { tone: 'idle', text: database.message ?? 'No database set up', action: 'set_up' };
  }
}
