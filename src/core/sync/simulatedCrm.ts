import { CRM_BATCH_LIMITS, type CrmAdapter, type CrmLead, type DeliveryResult } from './crm';

/** The default CRM: writes each delivery to the sync log and counts it as delivered. */
export class SimulatedCrm implements CrmAdapter {
  readonly mode = 'simulated' as const;
  readonly maxBatchSize = CRM_BATCH_LIMITS.simulated;

  constructor(private readonly log: (line: string) => void) {}

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    for (const lead of leads) {
      const what = lead.status === 'Verified' ? 'verified lead' : 'approved To Check lead';
      this.log(`[CRM Sync] Sending ${what} ${lead.name} to Sales Team...`);
    }
    return { delivered: leads.map((l) => ({ id: l.id, recordId: null, recordUrl: null })), failed: [] };
  }
}
