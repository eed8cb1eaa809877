import { useId, useRef } from 'react';
import type { EnrichPlan } from '@shared/contract';
import { formatDateTime, formatNumber, formatTimeLeft, plural } from '../format';
import { useNow } from '../hooks/useNow';
import { Dialog } from './Dialog';
import { planResetsAt } from './EnrichCost';

interface Props {
  plan: EnrichPlan;
  /** Enrich what the quota allows now; the core queues the rest until the reset. */
  onEnrich: () => void;
  onCancel: () => void;
}

/** Asked when the quota left cannot pay for the whole paste: enrich part now and queue the rest, or not. */
export function QuotaChoiceDialog({ plan, onEnrich, onCancel }: Props) {
  const id = useId();
  const primary = useRef<HTMLButtonElement>(null);
  const now = useNow(30_000);
  const askNow = plan.askNow ?? 0;
  const later = plan.toAsk - askNow;
  const resetsAt = planResetsAt(plan);
  const inWhen = resetsAt === null ? '' : ` (in ${formatTimeLeft(resetsAt - now)})`;
  const label =
    askNow === 0
      ? `Queue all ${formatNumber(later)} until the quota resets${inWhen}`
      : `Enrich ${formatNumber(askNow)} now and queue ${formatNumber(later)} until the quota resets${inWhen}`;
  return (
    <Dialog
      title="Not enough quota for every name"
      onClose={onCancel}
      closeButton={false}
      describedBy={`${id}-text`}
      initialFocus={primary}
      className="choice-dialog"
    >
      <div className="dialog-body">
        <p id={`${id}-text`}>
          {plural(plan.toAsk, 'name')} need the API;{' '}
          {askNow === 0
            ? 'no quota is left in this window'
            : `the quota left in this window allows ${formatNumber(askNow)}`}
          {resetsAt !== null && `, and it resets at ${formatDateTime(new Date(resetsAt).toISOString())}`}. The
          names past the quota wait in the run and are asked by themselves when it resets, even after a
          restart of the app.
        </p>
        <div className="choice-actions">
          <button ref={primary} type="button" className="primary" onClick={onEnrich}>
            {label}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
