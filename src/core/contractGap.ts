// The IPC contract (src/shared/contract.ts) still names only the first two CRM modes, while the core has
// all of @shared/crm's. The views that cross the contract today pass the mode through here; once the
// contract takes CrmMode from @shared/crm this function goes.
import type { CrmMode as ContractCrmMode } from '@shared/contract';
import type { CrmMode } from '@shared/crm';

export function toContractCrmMode(mode: CrmMode): ContractCrmMode {
  return mode as ContractCrmMode;
}
