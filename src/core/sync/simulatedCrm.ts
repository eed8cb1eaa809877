import type { CrmAdapter, CrmLead, DeliveryResult } from './crm';

/** The default CRM: writes each delivery to the sync log and counts it as delivered. */
export class SimulatedCrm implements CrmAdapter {
  readonly mode = 'simulated' as const;

  constructor(private readonly log: (line: string) => void) {}

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    for (const lead of leads) this.log(`[CRM Sync] Sending verified lead ${lead.name} to Sales Team...`);
    return { delivered: leads.map((l) => l.id), failed: [] };
  }
}
