// A person's verdict on leads (Verified in a chosen country, Rejected, or undone): the lists and the
// overview are fetched again, since a verdict moves a lead between tabs, countries and charts.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RequestOf } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';

export type Decision = RequestOf<'leads:decide'>;

export function useDecide() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) => api.leads.decide(decision),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.leads }),
        client.invalidateQueries({ queryKey: keys.overview }),
      ]);
    },
  });
}
