// What a click on a chart of the overview asks of the Leads table: one country, one status, a band of
// whole percents, or one run. The table shows it as a chip the person can remove.
import type { LeadStatus, LeadsQuery } from '@shared/contract';
import { countryName } from './countries';
import { formatDateTime, formatNumber } from './format';

export type ChartFilter =
  | { kind: 'country'; countryCode: string }
  | { kind: 'status'; status: LeadStatus }
  | { kind: 'synced' }
  | { kind: 'band'; minPct: number; maxPct: number }
  | { kind: 'run'; runId: string; startedAt: string };

/** The query fields of a filter, added to the table's own (tab, CRM state, search, sort, page). */
export function chartQuery(filter: ChartFilter | null): Partial<LeadsQuery> {
  switch (filter?.kind) {
    case 'country':
      return { countryCode: filter.countryCode };
    case 'status':
      return { status: filter.status };
    case 'synced':
      return { syncState: 'synced' };
    case 'band':
      return { minPct: filter.minPct, maxPct: filter.maxPct };
    case 'run':
      return { runId: filter.runId };
    default:
      return {};
  }
}

/** The chip's words: "Country: Germany", "Probability 70–79 %", "Run of Nov 20, 10:42". */
export function chartFilterLabel(filter: ChartFilter): string {
  switch (filter.kind) {
    case 'country':
      return `Country: ${countryName(filter.countryCode)}`;
    case 'status':
      return `Status: ${filter.status}`;
    case 'synced':
      return 'Synced to the CRM';
    case 'band':
      return filter.minPct === filter.maxPct
        ? `Probability ${formatNumber(filter.minPct)} %`
        : `Probability ${formatNumber(filter.minPct)}–${formatNumber(filter.maxPct)} %`;
    case 'run':
      return `Run of ${formatDateTime(filter.startedAt)}`;
  }
}
