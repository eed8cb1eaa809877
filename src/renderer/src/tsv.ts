// Leads as tab-separated text, for the clipboard: pasted into a spreadsheet, each field is a cell.
import type { LeadView } from '@shared/contract';

const clean = (value: string) => value.replace(/[\t\r\n]+/g, ' ');

export function leadsToTsv(leads: readonly LeadView[]): string {
  const rows = [['Name', 'Country', 'Country code', 'Probability', 'Status', 'CRM', 'Added']];
  for (const lead of leads) {
    rows.push([
      lead.name,
      lead.country,
      lead.countryCode,
      String(lead.probability),
      lead.status,
      lead.syncState,
      lead.createdAt,
    ]);
  }
  return rows.map((row) => row.map(clean).join('\t')).join('\n');
}
