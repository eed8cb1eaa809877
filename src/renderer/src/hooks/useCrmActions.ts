import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { plural } from '../format';
import { errorMessage } from './errorMessage';

export type CrmAction =
  | { kind: 'approve-all' }
  | { kind: 'approve-selected'; ids: readonly string[] }
  | { kind: 'approve'; id: string; name: string }
  | { kind: 'approve-one'; id: string; name: string }
  | { kind: 'withdraw'; id: string; name: string }
  | { kind: 'retry'; id: string; name: string };

/** Approvals, withdrawals and retries of the sync panel; each says in words what it did. */
export function useCrmActions() {
  const api = useApi();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: async (action: CrmAction): Promise<string> => {
      switch (action.kind) {
        case 'approve-all': {
          const { approved } = await api.sync.approve({ allPending: true });
          return `${plural(approved, 'lead')} approved: the next run sends them.`;
        }
        case 'approve-selected': {
          const { approved } = await api.sync.approve({ ids: [...action.ids] });
          const left = action.ids.length - approved;
          const rest = left
            ? ` ${plural(left, 'other')} ${left === 1 ? 'was' : 'were'} not waiting for approval (To Check, rejected, already approved or in the CRM).`
            : '';
          return `${plural(approved, 'lead')} approved: the next run sends them.${rest}`;
        }
        case 'approve': {
          const { approved } = await api.sync.approve({ ids: [action.id] });
          return approved
            ? `${action.name} approved: the next run sends it.`
            : `${action.name} was not pending.`;
        }
        case 'approve-one': {
          const { approved } = await api.sync.approveOne({ id: action.id });
          return approved
            ? `${action.name} approved: the next run sends it.`
            : `${action.name} cannot be approved now.`;
        }
        case 'withdraw': {
          const { withdrawn } = await api.sync.withdraw({ ids: [action.id] });
          return withdrawn
            ? `Approval of ${action.name} withdrawn.`
            : `${action.name} was no longer waiting.`;
        }
        case 'retry': {
          const { reset } = await api.sync.retryLeads({ ids: [action.id] });
          return reset ? `${action.name} queued for another attempt.` : `${action.name} was not failed.`;
        }
      }
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.sync });
      void client.invalidateQueries({ queryKey: keys.leads });
    },
  });
  return {
    run: mutation.mutate,
    reset: mutation.reset,
    busy: mutation.isPending,
    message: mutation.isSuccess ? mutation.data : null,
    error: mutation.isError ? errorMessage(mutation.error) : null,
  };
}
