// What the sync engine hands to a CRM, and what it gets back. Every connector upserts by the lead's id,
// so a repeated delivery updates the record it created instead of adding a second one.
import type { LeadStatus } from '@shared/contract';
import type { CrmConnectionResult, CrmMode } from '@shared/crm';

export interface CrmLead {
  /** The lead's id: the CRM record's key (HubSpot id property, Pipedrive field, Salesforce external id). */
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  countryCode: string;
  country: string;
  probability: number;
  status: LeadStatus;
  /** From genderize.io and agify.io when they are turned on (null: not asked, or unknown). */
  gender: 'male' | 'female' | null;
  age: number | null;
  createdAt: string;
  /**
   * How many deliveries of this lead the CRM definitely refused. A delivery that may have applied (it
   * timed out) does not count, so its repeat carries the same idempotency key.
   */
  attempt: number;
}

export interface DeliveredRecord {
  id: string;
  recordId: string | null;
  recordUrl: string | null;
}

export interface FailedLead {
  id: string;
  reason: string;
  /** A refusal retrying cannot fix (a 4xx about this lead): the lead fails at once. */
  permanent: boolean;
  /** The request may have been applied (it timed out, or the connection broke after it was sent). */
  uncertain?: boolean;
  /** The CRM asked to wait this long (a rate limit) before the next attempt. */
  retryAfterMs?: number;
}

export interface DeliveryResult {
  delivered: DeliveredRecord[];
  failed: FailedLead[];
  /**
   * The CRM refused the connection itself (a bad token, a missing permission or field): nothing in the
   * batch was attempted, no attempt is counted, and the run stops with this reason.
   */
  halt?: string;
}

/** The most leads one delivery carries, per CRM: its API's batch limit (Pipedrive: one write per lead). */
export const CRM_BATCH_LIMITS: Record<CrmMode, number> = {
  simulated: 100,
  webhook: 100,
  hubspot: 100,
  pipedrive: 50,
  salesforce: 200,
};

export interface CrmAdapter {
  readonly mode: CrmMode;
  /** The most leads one delivery carries (the CRM's batch limit). */
  readonly maxBatchSize: number;
  /** Delivers one batch within the delivery timeout. Never throws: failures are in the result. */
  deliver(leads: readonly CrmLead[]): Promise<DeliveryResult>;
  /**
   * Which of these leads the CRM already holds, by the lead id it stores: asked after a delivery that may
   * have applied, so a late success is not counted as a failure. Connectors that cannot ask leave it out.
   */
  lookup?(ids: readonly string[]): Promise<Map<string, DeliveredRecord>>;
  /** Test connection: the token works, and which fields the mapping needs are there. */
  testConnection?(): Promise<CrmConnectionResult>;
}

export function failAll(
  leads: readonly { id: string }[],
  reason: string,
  how: Omit<FailedLead, 'id' | 'reason'>,
): DeliveryResult {
  return { delivered: [], failed: leads.map(({ id }) => ({ id, reason, ...how })) };
}
