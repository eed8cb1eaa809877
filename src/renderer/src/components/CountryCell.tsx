import type { LeadView } from '@shared/contract';
import { countryName } from '../countries';
import { formatPercent } from '../format';

/** Flag, country name and code; the other guesses of nationalize.io in the tooltip. */
export function CountryCell({ lead }: { lead: LeadView }) {
  if (!lead.countryCode) return <span className="muted">—</span>;
  const others = lead.alternatives
    .map((guess) => `${countryName(guess.countryCode)} ${formatPercent(guess.probability)}`)
    .join(', ');
  return (
    <span className="country" title={others ? `Other guesses: ${others}` : undefined}>
      {/* SVG flags (flag-icons): emoji flags do not render on Windows. */}
      <span className={`flag fi fi-${lead.countryCode.toLowerCase()}`} aria-hidden="true" />
      <span>{countryName(lead.countryCode)}</span>
      <span className="country-code">{lead.countryCode}</span>
    </span>
  );
}
