// The one rule that keeps two apps from delivering the same lead at once: a claim outlives the delivery it
// covers. Checked where the values are set (environment and Settings) and kept by the engine while it runs.
import { CLAIM_MARGIN_SECONDS } from '@shared/crm';

export const CLAIM_MARGIN_MS = CLAIM_MARGIN_SECONDS * 1000;

/** Why a claim lease is too short for this delivery timeout, or null when it is long enough. */
export function claimLeaseProblem(claimMs: number, deliveryTimeoutMs: number): string | null {
  const needed = deliveryTimeoutMs + CLAIM_MARGIN_MS;
  if (claimMs >= needed) return null;
  return (
    `a claim of ${claimMs / 1000} s is shorter than the delivery timeout (${deliveryTimeoutMs / 1000} s) plus ` +
    `${CLAIM_MARGIN_SECONDS} s to record the outcome: another app could take the leads and send them again ` +
    `while this one is still sending them. Use at least ${Math.ceil(needed / 1000)} s`
  );
}
