// What only the desktop shell can do (native file dialogs), apart from the core's operations: main answers
// these itself, through the same checked invoke of the preload. Dependency-free, like the contract.
import type { Envelope } from './contract';

/** The file types a list may come in (the core reads each; see src/core/import). */
export const LIST_FILE_EXTENSIONS = ['csv', 'tsv', 'tab', 'txt', 'xlsx'] as const;

// Exports need none: main asks where to save when the page calls leads:export (see src/main/saveDialog.ts).
export const SHELL_CHANNELS = ['shell:open-list-file'] as const;
export type ShellChannel = (typeof SHELL_CHANNELS)[number];

/** A file on this computer the core can read or write. */
export interface LocalFile {
  path: string;
  /** Its name without the folder, to show. */
  name: string;
}

export interface ShellRequests {
  'shell:open-list-file': Record<string, never>;
}

/** Null when the person closed the dialog without choosing. */
export interface ShellResponses {
  'shell:open-list-file': LocalFile | null;
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
