// Reads stored settings of any version: upgrades older shapes, and resets a broken section to its
// default (saying so) without losing the others.
import { z } from 'zod';
import { DEFAULT_NATIONALIZE_URL } from '../rules';
import { SECTION_NAMES, SETTINGS_VERSION, defaultInput, sections, type Settings } from './schema';

export interface LoadedSettings {
  settings: Settings;
  /** What was wrong in the stored settings and has been reset, for the person to see. */
  problems: string[];
  /** True when the stored object must be written back (upgraded or repaired). */
  changed: boolean;
}

type Raw = Record<string, unknown>;

/** Upgrades from version N to N + 1. */
const MIGRATIONS: Record<number, (raw: Raw) => Raw> = {
  // Version 1 (the first release) kept only the sync panel's choices: { sync: { enabled, schedule } }.
  // Whoever has it has used the app already, so the first-run screen is not shown again.
  1: (raw) => ({ sync: raw.sync, firstRunDone: true, version: 2 }),
  // Version 3 binds the API key to the base URL it is sent to: a key saved before is bound to the one saved with it.
  2: (raw) => {
    const nationalize = isObject(raw.nationalize) ? raw.nationalize : null;
    if (!nationalize || !isObject(nationalize.apiKey)) return { ...raw, version: 3 };
    const baseUrl = typeof nationalize.baseUrl === 'string' ? nationalize.baseUrl : DEFAULT_NATIONALIZE_URL;
    const apiKey = { ...nationalize.apiKey, url: baseUrl };
    return { ...raw, nationalize: { ...nationalize, apiKey }, version: 3 };
  },
};

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadSettings(stored: unknown): LoadedSettings {
  const problems: string[] = [];
  let raw: Raw = stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as Raw) } : {};
  const fresh = Object.keys(raw).length === 0;
  let version = typeof raw.version === 'number' ? raw.version : fresh ? SETTINGS_VERSION : 1;
  let changed = !fresh && version !== SETTINGS_VERSION;

  if (version > SETTINGS_VERSION) {
    problems.push(
      `These settings were written by a newer version of Lead Enricher (${version}); unknown values are ignored`,
    );
  }
  while (version < SETTINGS_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) break;
    raw = migrate(raw);
    version++;
  }

  const settings: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const name of SECTION_NAMES) {
    const input = raw[name] ?? defaultInput(name);
    const parsed = sections[name].safeParse(input);
    if (parsed.success) {
      settings[name] = parsed.data;
    } else {
      settings[name] = sections[name].parse(defaultInput(name));
      problems.push(
        `The saved ${describe(name)} setting was invalid (${firstIssue(parsed.error)}) and has been reset`,
      );
      changed = true;
    }
  }
  return { settings: settings as Settings, problems, changed };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable';
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}

const NAMES: Record<string, string> = {
  database: 'database',
  nationalize: 'nationalize.io',
  verifiedThreshold: 'Verified threshold',
  sync: 'sync schedule',
  crm: 'CRM',
  allowPlaintextSecrets: 'unencrypted secrets consent',
  firstRunDone: 'first-run',
};

function describe(name: string): string {
  return NAMES[name] ?? name;
}
