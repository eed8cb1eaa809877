import { useEffect, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { LeadSortField, LeadStatus, LeadsPage, SyncState } from '@shared/contract';
import { errorMessage } from './errorMessage';

export const LEADS_PAGE_SIZE = 50;

export interface LeadsParams {
  status: LeadStatus | undefined;
  syncState: SyncState | undefined;
  search: string;
  sortBy: LeadSortField;
  sortDir: 'asc' | 'desc';
  page: number;
}

interface Result {
  key: string;
  page: LeadsPage | null;
  error: string | null;
}

/**
 * One page of leads from the core. The last page stays on screen while the next one loads, and
 * answers to superseded queries are dropped. `version` changes force a refetch (after a run).
 */
export function useLeads(api: LeadEnricherApi, params: LeadsParams, version: number) {
  const { status, syncState, search, sortBy, sortDir, page } = params;
  const key = JSON.stringify([status, syncState, search, sortBy, sortDir, page, version]);
  const [result, setResult] = useState<Result>({ key: '', page: null, error: null });

  useEffect(() => {
    let current = true;
    api
      .listLeads({
        status,
        syncState,
        search: search || undefined,
        sortBy,
        sortDir,
        page,
        pageSize: LEADS_PAGE_SIZE,
      })
      .then(
        (data) => current && setResult({ key, page: data, error: null }),
        (error: unknown) =>
          current && setResult((prev) => ({ key, page: prev.page, error: errorMessage(error) })),
      );
    return () => {
      current = false;
    };
  }, [api, key, status, syncState, search, sortBy, sortDir, page]);

  return { data: result.page, error: result.error, loading: result.key !== key };
}
