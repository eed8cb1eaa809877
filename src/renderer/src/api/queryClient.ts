import { QueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * The renderer's cache. Calls go to a core on this computer: a failure is an answer (the database is
 * down, the request is wrong), not a flaky network, so nothing is retried behind the person's back.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

/**
 * Fetches a value the core also pushes. A pushed value that landed while the fetch was on its way is
 * newer than the answer (which the core may have computed before it), so it is kept.
 */
export async function fetchUnlessPushed<T>(
  client: QueryClient,
  key: QueryKey,
  fetch: () => Promise<T>,
): Promise<T> {
  const startedAt = Date.now();
  const value = await fetch();
  const state = client.getQueryState<T>(key);
  return state?.data !== undefined && state.dataUpdatedAt > startedAt ? state.data : value;
}
