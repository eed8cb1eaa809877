import { useCallback, useRef, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { LeadStatus } from '@shared/contract';
import { plural } from '../format';
import { errorMessage } from './errorMessage';

// listLeads gives at most 500 per page; retrySync takes at most 100,000 ids at once.
const COLLECT_PAGE_SIZE = 500;
const MAX_RETRY_IDS = 100_000;

export interface FailedFilters {
  status: LeadStatus | undefined;
  search: string;
}

/** Every failed lead matching the filters, not just the page on screen: retrySync needs ids. */
async function failedLeadIds(api: LeadEnricherApi, { status, search }: FailedFilters): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ids.length < MAX_RETRY_IDS; page++) {
    const result = await api.listLeads({
      status,
      search: search || undefined,
      syncState: 'failed',
      sortBy: 'createdAt',
      sortDir: 'asc',
      page,
      pageSize: COLLECT_PAGE_SIZE,
    });
    ids.push(...result.items.map((lead) => lead.id));
    if (result.items.length < COLLECT_PAGE_SIZE) break;
  }
  return ids.slice(0, MAX_RETRY_IDS);
}

interface State {
  busy: boolean;
  message: string | null;
  error: string | null;
}

/** Queues failed CRM deliveries for another attempt, then lets the caller fetch the leads again. */
export function useRetrySync(api: LeadEnricherApi, onDone: () => void) {
  const [state, setState] = useState<State>({ busy: false, message: null, error: null });
  const inFlight = useRef(false);

  const run = useCallback(
    async (collect: () => Promise<string[]>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setState({ busy: true, message: null, error: null });
      try {
        const ids = await collect();
        if (ids.length === 0) {
          setState({ busy: false, message: 'No failed leads to retry.', error: null });
          return;
        }
        const { reset } = await api.retrySync(ids);
        setState({
          busy: false,
          message: `${plural(reset, 'lead')} queued for another sync attempt.`,
          error: null,
        });
        onDone();
      } catch (error) {
        setState({ busy: false, message: null, error: `Could not retry sync: ${errorMessage(error)}` });
      } finally {
        inFlight.current = false;
      }
    },
    [api, onDone],
  );

  const retryLeads = useCallback((ids: string[]) => run(async () => ids), [run]);
  const retryAllFailed = useCallback(
    (filters: FailedFilters) => run(() => failedLeadIds(api, filters)),
    [api, run],
  );

  return { ...state, retryLeads, retryAllFailed };
}
