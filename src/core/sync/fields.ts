// The lead fields every connector sends, by meaning; each connector names them its own way (the table
// is in the README). With "keep existing values", a field already set in the CRM is left alone.
import type { LeadDoc } from '../store/models';
import type { CrmLead } from './crm';
import { splitPersonName } from './personName';

export function toCrmLead(lead: LeadDoc): CrmLead {
  return {
    id: String(lead._id),
    name: lead.name,
    ...splitPersonName(lead.name),
    countryCode: lead.countryCode,
    country: lead.country,
    probability: lead.probability,
    status: lead.status,
    gender: (lead.gender ?? null) as CrmLead['gender'],
    age: lead.age ?? null,
    createdAt: new Date(lead.createdAt).toISOString(),
    attempt: lead.syncRefusals ?? 0,
  };
}

/** Empty in a CRM: absent, null, or an empty string. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The values to write: all of them for a new record; with `keepExisting`, only those the record has no
 * value for. Empty values are never sent (they would clear the CRM's value).
 */
export function valuesToWrite<T extends Record<string, unknown>>(
  values: T,
  existing: Record<string, unknown> | null,
  keepExisting: boolean,
): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values) as Array<[keyof T, T[keyof T]]>) {
    if (isEmptyValue(value)) continue;
    if (keepExisting && existing && !isEmptyValue(existing[key as string])) continue;
    out[key] = value;
  }
  return out;
}
