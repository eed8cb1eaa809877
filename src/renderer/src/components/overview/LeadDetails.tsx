import type { LeadView } from '@shared/contract';
import { countryName } from '../../countries';
import { formatDateTime, formatNumber, formatPercent } from '../../format';
import { Dialog } from '../Dialog';
import { StatusBadge } from '../StatusBadge';
import { VerdictForm } from './VerdictForm';

function GuessBars({ lead }: { lead: LeadView }) {
  // The API's own guess first: when a person chose another country, the lead's country is theirs.
  const top = lead.guess ?? { countryCode: lead.countryCode, probability: lead.probability };
  const guesses = [top, ...lead.alternatives].filter((g) => g.countryCode);
  return (
    <ol className="guess-bars" aria-label="Likely countries">
      {guesses.map((g) => (
        <li key={g.countryCode} className="guess-bar">
          <span className="guess-country">
            <span className={`flag fi fi-${g.countryCode.toLowerCase()}`} aria-hidden="true" />
            <span>{countryName(g.countryCode)}</span>
          </span>
          <span className="guess-track" aria-hidden="true">
            <span style={{ width: `${Math.max(1, g.probability * 100)}%` }} />
          </span>
          <span className="num guess-pct">{formatPercent(g.probability)}</span>
        </li>
      ))}
    </ol>
  );
}

/** Everything known of one lead, and the person's verdict on it. */
export function LeadDetails({ lead, onClose }: { lead: LeadView; onClose: () => void }) {
  const decided = lead.verdict;
  return (
    <Dialog title={lead.name} onClose={onClose} className="lead-details">
      <div className="dialog-body">
        <p className="lead-details-status">
          <StatusBadge status={lead.status} />{' '}
          {lead.countryCode ? (
            <span className="country">
              <span className={`flag fi fi-${lead.countryCode.toLowerCase()}`} aria-hidden="true" />
              {countryName(lead.countryCode)}
            </span>
          ) : (
            <span className="muted">No country</span>
          )}
        </p>
        <section aria-label="What the API guessed">
          <h3 className="subheading">What nationalize.io guessed</h3>
          <GuessBars lead={lead} />
          <p className="hint muted">
            {lead.sampleCount === null
              ? 'The API did not say how many people the guess rests on.'
              : `Based on ${formatNumber(lead.sampleCount)} ${lead.sampleCount === 1 ? 'person' : 'people'} with this name.`}
          </p>
        </section>
        {(lead.gender || lead.age !== null) && (
          <p>
            {lead.gender && (
              <span>
                {lead.gender === 'female' ? 'Female' : 'Male'}
                {lead.genderProbability !== null && ` (${formatPercent(lead.genderProbability)})`}
              </span>
            )}
            {lead.gender && lead.age !== null && ' · '}
            {lead.age !== null && <span>about {formatNumber(lead.age)} years old</span>}
          </p>
        )}
        {decided && (
          <p className="verdict-note">
            {decided.decision === 'verified' ? 'Verified' : 'Rejected'} by <strong>{decided.by}</strong> on{' '}
            <time dateTime={decided.at}>{formatDateTime(decided.at)}</time>
            {lead.guess &&
              `. The API's guess was ${countryName(lead.guess.countryCode)} (${formatPercent(lead.guess.probability)})`}
            .
          </p>
        )}
        <VerdictForm key={`${lead.id}-${lead.status}`} lead={lead} onDecided={onClose} />
      </div>
    </Dialog>
  );
}
