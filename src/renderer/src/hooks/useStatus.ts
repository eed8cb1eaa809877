import type { LeadEnricherApi } from '@shared/api';
import type { StatusView } from '@shared/contract';
import { useLiveValue } from './useLiveValue';

interface State {
  status: StatusView | null;
  error: string | null;
}

export interface Status extends State {
  /** Takes a newer status, e.g. the one retryLocalDatabase answers. */
  accept(status: StatusView): void;
}

/** Database and quota status: fetched once, then kept current by pushed status events. */
export function useStatus(api: LeadEnricherApi): Status {
  const { value, error, accept } = useLiveValue(api.getStatus, api.onStatus);
  return { status: value, error, accept };
}
