// The api of the core and the query cache, for every component below: no `api` prop through the tree.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { LeadEnricherApi } from '@shared/api';
import { connectCoreEvents } from './coreEvents';
import { createQueryClient } from './queryClient';

const ApiContext = createContext<LeadEnricherApi | null>(null);

interface Props {
  api: LeadEnricherApi;
  /** A cache of one's own (tests); else one is made for the page. */
  client?: QueryClient;
  children: ReactNode;
}

export function ApiProvider({ api, client, children }: Props) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  useEffect(() => connectCoreEvents(api, queryClient), [api, queryClient]);
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

export function useApi(): LeadEnricherApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
