import type { QueryClient } from '@tanstack/react-query';
import type { LeadEnricherApi } from '@shared/api';
import { App } from './App';
import { ApiProvider } from './api/ApiProvider';
import { ErrorBoundary } from './components/ErrorBoundary';

/** The whole renderer: the api and its cache for every component, and a way back from a crash. */
export function Root({ api, client }: { api: LeadEnricherApi; client?: QueryClient }) {
  return (
    <ApiProvider api={api} client={client}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </ApiProvider>
  );
}
