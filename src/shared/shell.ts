// What only the desktop shell can do (native file dialogs), apart from the core's operations: main answers
// these itself, through the same checked invoke of the preload. Dependency-free, like the contract.
import { EXPORT_FORMATS, type Envelope, type ExportFormat } from './contract';

/** The file types a list may come in (the core reads each; see src/core/import). */
export const LIST_FILE_EXTENSIONS = ['csv', 'tsv', 'tab', 'txt', 'xlsx'] as const;
export type { ExportFormat };

export const SHELL_CHANNELS = ['shell:open-list-file', 'shell:choose-export-path'] as const;
export type ShellChannel = (typeof SHELL_CHANNELS)[number];

/** A file on this computer the core can read or write. */
export interface LocalFile {
  path: string;
  /** Its name without the folder, to show. */
  name: string;
}

export interface ShellRequests {
  'shell:open-list-file': Record<string, never>;
  'shell:choose-export-path': { defaultName: string; format: ExportFormat };
}

/** Null when the person closed the dialog without choosing. */
export interface ShellResponses {
  'shell:open-list-file': LocalFile | null;
  'shell:choose-export-path': LocalFile | null;
}

/** The preload's window.api in the desktop app: the core's transport, the shell's channels, and a dropped file's path. */
export interface ShellTransport {
  invoke<C extends ShellChannel>(channel: C, payload: ShellRequests[C]): Promise<Envelope<ShellResponses[C]>>;
  /** Where a dropped or chosen File is on disk (Electron's webUtils); empty when it is not a file on disk. */
  pathForFile(file: File): string;
}

export function isShellChannel(channel: unknown): channel is ShellChannel {
  return (SHELL_CHANNELS as readonly unknown[]).includes(channel);
}

/** A checked payload of 'shell:choose-export-path', or null: main trusts nothing from the page. */
export function exportPathRequest(payload: unknown): ShellRequests['shell:choose-export-path'] | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { defaultName, format } = payload as Record<string, unknown>;
  if (typeof defaultName !== 'string' || defaultName.length === 0 || defaultName.length > 200) return null;
  if (/[/\\]/.test(defaultName)) return null;
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) return null;
  return { defaultName, format: format as ExportFormat };
}
