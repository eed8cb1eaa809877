// Where a lead stands with the CRM, in one place: the table's filters, the lead view, the sync counts
// and the engine's claim all follow these rules.
import type { SyncState } from '@shared/contract';
import type { LeadCrmState, SyncMode } from '@shared/crm';
import type { LeadDoc } from '../store/models';

type Filter = Record<string, unknown>;

const NOT_SENT = { isCrmSynced: false, syncFailed: { $ne: true } };

/** The query of each state (a To Check lead is sent only once a person approved it). */
export const CRM_STATE_FILTERS: Record<LeadCrmState, Filter> = {
  synced: { isCrmSynced: true },
  failed: { isCrmSynced: false, syncFailed: true },
  approved: { ...NOT_SENT, approvedAt: { $ne: null } },
  pending: { ...NOT_SENT, approvedAt: null, status: 'Verified' },
  // To Check and Rejected leads: not sent (a To Check one goes once a person approves it).
  not_applicable: {
    isCrmSynced: false,
    syncFailed: { $ne: true },
    approvedAt: null,
    status: { $ne: 'Verified' },
  },
};

/** The contract's four states: an approved lead is pending there (it waits for the next run). */
export const SYNC_STATE_FILTERS: Record<SyncState, Filter> = {
  synced: CRM_STATE_FILTERS.synced,
  failed: CRM_STATE_FILTERS.failed,
  pending: { $or: [CRM_STATE_FILTERS.pending, CRM_STATE_FILTERS.approved] },
  not_applicable: CRM_STATE_FILTERS.not_applicable,
};

/** The leads a run may send in this mode, before the claim's own conditions (due, not claimed). */
export function sendableFilter(mode: SyncMode): Filter {
  return mode === 'reviewed'
    ? { ...NOT_SENT, approvedAt: { $ne: null } }
    : { ...NOT_SENT, $or: [{ status: 'Verified' }, { approvedAt: { $ne: null } }] };
}

export function crmStateOf(doc: LeadDoc): LeadCrmState {
  if (doc.isCrmSynced) return 'synced';
  if (doc.syncFailed) return 'failed';
  if (doc.approvedAt) return 'approved';
  return doc.status === 'Verified' ? 'pending' : 'not_applicable';
}

export function syncStateOf(doc: LeadDoc): SyncState {
  const state = crmStateOf(doc);
  return state === 'approved' ? 'pending' : state;
}
