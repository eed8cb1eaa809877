// What the sync engine hands to a CRM, and what it gets back.
import type { CrmMode } from '@shared/contract';

export interface CrmLead {
  /** The lead's id: also its idempotency key, so the CRM can drop a repeat. */
  id: string;
  name: string;
  countryCode: string;
  country: string;
  probability: number;
  status: 'Verified';
  createdAt: string;
}

export interface DeliveryResult {
  delivered: string[];
  failed: Array<{ id: string; reason: string; permanent: boolean }>;
}

export interface CrmAdapter {
  readonly mode: CrmMode;
  /** Delivers one batch (at most 100 leads). Never throws: failures are in the result. */
  deliver(leads: readonly CrmLead[]): Promise<DeliveryResult>;
}
