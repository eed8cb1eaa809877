import type { SyncState } from '@shared/contract';

// Local values: importing SYNC_STATES from the contract would pull zod into the renderer bundle.
// To Check leads are never sent, so 'not_applicable' is no useful filter here.
export type SyncFilter = 'all' | Exclude<SyncState, 'not_applicable'>;
const OPTIONS: ReadonlyArray<{ value: SyncFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'synced', label: 'Synced' },
  { value: 'failed', label: 'Failed' },
];

export function syncStateOf(filter: SyncFilter): SyncState | undefined {
  return filter === 'all' ? undefined : filter;
}

export function syncFilterLabel(filter: SyncFilter): string {
  return OPTIONS.find((option) => option.value === filter)?.label ?? filter;
}

interface Props {
  id: string;
  value: SyncFilter;
  onChange: (filter: SyncFilter) => void;
}

/** The CRM state filter of the leads table, applied by the core (listLeads({ syncState })). */
export function SyncStateFilter({ id, value, onChange }: Props) {
  return (
    <>
      <label htmlFor={id} className="inline-label">
        CRM
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = OPTIONS.find((option) => option.value === event.target.value);
          if (next) onChange(next.value);
        }}
      >
        {OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}
