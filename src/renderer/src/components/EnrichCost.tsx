import type { EnrichPlan } from '@shared/contract';
import { formatNumber, formatTimeLeft, plural } from '../format';
import { useSettingsQuery } from '../hooks/queries';
import { useNow } from '../hooks/useNow';
import { DotList } from './DotList';

/** When the quota window of a plan resets, as a time, if the API said so. */
export function planResetsAt(plan: EnrichPlan): number | null {
  const at = plan.quota?.resetsAt ? Date.parse(plan.quota.resetsAt) : NaN;
  return Number.isNaN(at) ? null : at;
}

/** The quota can ask fewer names now than the paste needs: the person chooses before anything is spent. */
export function needsChoice(plan: EnrichPlan): boolean {
  return plan.askNow !== null && plan.askNow < plan.toAsk;
}

function quotaParts(plan: EnrichPlan, now: number): string[] {
  const quota = plan.quota;
  if (!quota || quota.remaining === null) return ['quota left not known yet'];
  const resetsAt = planResetsAt(plan);
  if (resetsAt !== null && resetsAt <= now) return ['the quota window has reset'];
  const parts = [`${formatNumber(quota.remaining)} left in this window`];
  if (resetsAt !== null) parts.push(`resets in ${formatTimeLeft(resetsAt - now)}`);
  return parts;
}

function freeParts(plan: EnrichPlan): string[] {
  const parts: string[] = [];
  if (plan.known > 0) parts.push(`${formatNumber(plan.known)} already enriched`);
  if (plan.answered > 0) parts.push(`${formatNumber(plan.answered)} answered before`);
  return parts;
}

/**
 * What enriching the paste will cost, before anything is spent: "4,988 names to ask · 917 left in
 * this window · resets in 23 h 58 min", and the names that cost nothing.
 */
export function EnrichCost({ id, plan, stale }: { id: string; plan: EnrichPlan; stale: boolean }) {
  const now = useNow(30_000);
  const lookups = useSettingsQuery().data?.nationalize;
  const extras = [lookups?.gender && 'gender', lookups?.age && 'age'].filter(Boolean).join(' and ');
  const free = freeParts(plan);
  const main =
    plan.toAsk === 0
      ? ['Nothing to ask the API']
      : [
          // Gender and age cost a name of quota each too, when they are turned on.
          plan.cost > plan.toAsk
            ? `${plural(plan.toAsk, 'name')} to ask (${formatNumber(plan.cost)} of quota with ${extras || 'gender and age'})`
            : `${plural(plan.toAsk, 'name')} to ask`,
          ...quotaParts(plan, now),
        ];
  return (
    <div id={id} className={`enrich-cost num ${stale ? 'stale' : ''}`} aria-busy={stale}>
      <p>
        <DotList parts={main} />
      </p>
      {free.length > 0 && (
        <p className="muted">
          <DotList parts={free} />: no cost
        </p>
      )}
      {needsChoice(plan) && (
        <p className="warning-text">
          {plan.askNow === 0
            ? 'No quota is left in this window: the names will wait for it to reset.'
            : `Only ${formatNumber(plan.askNow ?? 0)} can be asked now; the other ${formatNumber(plan.toAsk - (plan.askNow ?? 0))} will wait for the quota to reset.`}
        </p>
      )}
    </div>
  );
}
