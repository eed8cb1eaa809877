import type { QueryClient } from '@tanstack/react-query';
import type { LeadEnricherApi } from '@shared/api';
import { App } from './App';
import { ApiProvider } from './api/ApiProvider';
import { FilesProvider, NO_FILES, type Files } from './api/files';
import { ErrorBoundary } from './components/ErrorBoundary';

interface Props {
  api: LeadEnricherApi;
  client?: QueryClient;
  /** Files in and out: the desktop app's dialogs or the browser bridge's upload and downloads. */
  files?: Files;
}

/** The whole renderer: the api and its cache for every component, and a way back from a crash. */
export function Root({ api, client, files = NO_FILES }: Props) {
  return (
    <ApiProvider api={api} client={client}>
      <FilesProvider files={files}>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </FilesProvider>
    </ApiProvider>
  );
}
