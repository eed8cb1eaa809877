// Option values as a person types them on the command line, read leniently and refused with what is accepted.
import { InvalidArgumentError } from 'commander';
import { LEAD_STATUSES, type LeadStatus } from '@shared/contract';

/** "verified", "VERIFIED", "to-check", "to check", "To_Check": case, spaces, - and _ do not matter. */
const fold = (text: string): string => text.toLowerCase().replace(/[\s_-]+/g, '');

export function parseStatus(value: string): LeadStatus {
  const status = LEAD_STATUSES.find((s) => fold(s) === fold(value));
  if (!status) {
    throw new InvalidArgumentError('Give verified or to-check (any case; "To Check" works too).');
  }
  return status;
}
