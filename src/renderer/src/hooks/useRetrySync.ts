import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LeadEnricherApi } from '@shared/api';
import { MAX_IDS, type LeadStatus, type LeadsFilter } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { plural } from '../format';
import { errorMessage } from './errorMessage';

// leads:list gives at most 500 per page; sync:retry-leads takes at most MAX_IDS ids at once.
const COLLECT_PAGE_SIZE = 500;

/** The view's filters (chart filter included): the retry takes exactly the failed leads it shows. */
export type FailedFilters = LeadsFilter & { status: LeadStatus | undefined };

/** Every failed lead matching the filters, not just the page on screen: the retry needs ids. */
async function failedLeadIds(api: LeadEnricherApi, filters: FailedFilters): Promise<string[]> {
  const ids: string[] = [];
  // Page on by cursor: a page number is refused past the jump limit.
  let after: string | undefined;
  while (ids.length < MAX_IDS) {
    const result = await api.leads.list({
      ...filters,
      syncState: 'failed',
      sortBy: 'createdAt',
      sortDir: 'asc',
      pageSize: COLLECT_PAGE_SIZE,
      ...(after ? { after } : {}),
    });
    ids.push(...result.items.map((lead) => lead.id));
    if (!result.next) break;
    after = result.next;
  }
  return ids.slice(0, MAX_IDS);
}

/** Queues failed CRM deliveries for another attempt; the leads are then fetched again. */
export function useRetrySync() {
  const api = useApi();
  const client = useQueryClient();
  // A ref, not state: two clicks in the same tick must not both queue.
  const inFlight = useRef(false);
  const mutation = useMutation({
    mutationFn: async (collect: () => Promise<string[]>) => {
      const ids = await collect();
      return ids.length === 0 ? null : api.sync.retryLeads({ ids });
    },
    onSuccess: (result) => {
      if (result) void client.invalidateQueries({ queryKey: keys.leads });
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });

  const run = (collect: () => Promise<string[]>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    mutation.mutate(collect);
  };

  const result = mutation.data;
  return {
    busy: mutation.isPending,
    message: !mutation.isSuccess
      ? null
      : result
        ? `${plural(result.reset, 'lead')} queued for another sync attempt.`
        : 'No failed leads to retry.',
    error: mutation.isError ? `Could not retry sync: ${errorMessage(mutation.error)}` : null,
    retryLeads: (ids: string[]) => run(async () => ids),
    retryAllFailed: (filters: FailedFilters) => run(() => failedLeadIds(api, filters)),
  };
}
