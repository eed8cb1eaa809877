// Files in and out of the app: a list to enrich (the desktop app's open dialog or a dropped file's own
// path; in a browser a file input, the file handed to the bridge), and exports. One interface for both
// front ends, given by main.tsx, so components never ask which one they run in.
import { createContext, useContext, type ReactNode } from 'react';
import { ApiError } from '@shared/api';
import type { Envelope } from '@shared/contract';
import type { LocalFile, ShellChannel, ShellRequests, ShellResponses, ShellTransport } from '@shared/shell';

export type { LocalFile };

export interface Files {
  /** The desktop app's open dialog (null: closed without choosing); absent in a browser, which has a file input. */
  pick?: () => Promise<LocalFile | null>;
  /** A dropped or chosen file as the core can read it: its own path in the app, an upload in a browser. */
  receive(file: File): Promise<LocalFile>;
  /**
   * How an export is saved: in the app, main asks where with the system's save dialog when leads:export is
   * called (the page never names a file); in a browser, a download from the bridge at this address.
   */
  downloadUrl?: (path: string, params: URLSearchParams) => string;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
  return envelope.data;
}

/** In the desktop app: main's open dialog and the dropped file's path. */
export function shellFiles(shell: ShellTransport): Files {
  const call = async <C extends ShellChannel>(channel: C, payload: ShellRequests[C]) =>
    unwrap<ShellResponses[C]>(await shell.invoke(channel, payload));
  return {
    pick: () => call('shell:open-list-file', {}),
    async receive(file) {
      const path = shell.pathForFile(file);
      if (!path) throw new ApiError('invalid_request', `${file.name} is not a file on this computer`);
      return { path, name: file.name };
    },
  };
}

/** In a browser: the file goes to the bridge, which keeps it in a temporary folder for the core. */
export function bridgeFiles(token: string | null, baseUrl = ''): Files {
  return {
    async receive(file) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: token ? { Authorization: `Bearer ${token}` } : {},
          body: file,
        });
      } catch {
        throw new ApiError('internal', 'The app core could not be reached');
      }
      const body = (await response.json().catch(() => null)) as Envelope<LocalFile> | null;
      if (!body) throw new ApiError('internal', `The file could not be sent (HTTP ${response.status})`);
      return unwrap(body);
    },
    downloadUrl: (path, params) => {
      const query = new URLSearchParams(params);
      if (token) query.set('token', token);
      return `${baseUrl}${path}?${query.toString()}`;
    },
  };
}

/** Where files cannot be read (a test that does not give any). */
export const NO_FILES: Files = {
  receive: () => Promise.reject(new ApiError('invalid_request', 'Files cannot be read here')),
};

const FilesContext = createContext<Files>(NO_FILES);

export function FilesProvider({ files, children }: { files: Files; children: ReactNode }) {
  return <FilesContext.Provider value={files}>{children}</FilesContext.Provider>;
}

export function useFiles(): Files {
  return useContext(FilesContext);
}
