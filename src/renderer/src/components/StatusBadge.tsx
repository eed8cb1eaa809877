import type { LeadStatus } from '@shared/contract';

const CLASS: Record<LeadStatus, string> = {
  Verified: 'badge-verified',
  'To Check': 'badge-check',
  Rejected: 'badge-rejected',
};

export function StatusBadge({ status }: { status: LeadStatus }) {
  return <span className={`badge ${CLASS[status]}`}>{status}</span>;
}
