import { useId, useMemo, useState } from 'react';
import type { LeadView } from '@shared/contract';
import { COUNTRY_CODES, countryMatches, countryName } from '../../countries';
import { formatPercent } from '../../format';
import { errorMessage } from '../../hooks/errorMessage';
import { useDecide } from '../../hooks/useDecide';

/** The other countries a search lists at most: typing narrows them. */
const MAX_MATCHES = 50;

interface Props {
  lead: LeadView;
  /** The verdict was saved. */
  onDecided: () => void;
}

/**
 * A person's verdict on one lead. To Check: choose the country (one of the API's candidates, or any
 * other, searchable) and mark it Verified, or reject it. A decided lead can be undone, which gives the
 * API's guess back; a Verified lead nobody decided can still be rejected.
 */
export function VerdictForm({ lead, onDecided }: Props) {
  const id = useId();
  const decide = useDecide();
  const candidates = [
    { countryCode: lead.countryCode, probability: lead.probability },
    ...lead.alternatives.map((a) => ({ countryCode: a.countryCode, probability: a.probability })),
  ].filter((c) => c.countryCode);
  const [chosen, setChosen] = useState(candidates[0]?.countryCode ?? '');
  const [search, setSearch] = useState('');
  const others = useMemo(() => {
    const taken = new Set(candidates.map((c) => c.countryCode));
    return COUNTRY_CODES.filter((code) => !taken.has(code) && countryMatches(code, search))
      .sort((a, b) => countryName(a).localeCompare(countryName(b)))
      .slice(0, MAX_MATCHES);
    // The candidates follow the lead.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, lead]);

  const send = (request: Parameters<typeof decide.mutate>[0]) =>
    decide.mutate(request, { onSuccess: onDecided });
  const ids = [lead.id];
  const error = decide.isError ? (
    <p role="alert" className="error-text">
      Could not save the verdict: {errorMessage(decide.error)}
    </p>
  ) : null;

  if (lead.verdict) {
    return (
      <div className="verdict-form">
        <button type="button" disabled={decide.isPending} onClick={() => send({ ids, decision: 'undo' })}>
          Undo the verdict
        </button>
        <p className="hint muted">Undo gives the lead the API's guess and status back.</p>
        {error}
      </div>
    );
  }
  if (lead.status !== 'To Check') {
    return (
      <div className="verdict-form">
        <button type="button" disabled={decide.isPending} onClick={() => send({ ids, decision: 'rejected' })}>
          Reject
        </button>
        {error}
      </div>
    );
  }

  const chosenIsOther = chosen !== '' && !candidates.some((c) => c.countryCode === chosen);
  return (
    <div className="verdict-form">
      <fieldset className="verdict-choices">
        <legend className="field-label">Country</legend>
        {candidates.map((c) => (
          <label key={c.countryCode} className="verdict-choice">
            <input
              type="radio"
              name={`${id}-country`}
              value={c.countryCode}
              checked={chosen === c.countryCode}
              onChange={() => setChosen(c.countryCode)}
            />
            <span className={`flag fi fi-${c.countryCode.toLowerCase()}`} aria-hidden="true" />
            {countryName(c.countryCode)} <span className="muted num">{formatPercent(c.probability)}</span>
          </label>
        ))}
        <label className="verdict-choice">
          <input
            type="radio"
            name={`${id}-country`}
            value="other"
            checked={chosenIsOther}
            onChange={() => setChosen(others[0] ?? '')}
          />
          Another country
        </label>
        <div className="verdict-other">
          <label htmlFor={`${id}-search`} className="visually-hidden">
            Search countries
          </label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder="Search countries"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <label htmlFor={`${id}-other`} className="visually-hidden">
            Other countries
          </label>
          <select
            id={`${id}-other`}
            size={5}
            value={chosenIsOther ? chosen : ''}
            onChange={(event) => setChosen(event.target.value)}
          >
            {others.map((code) => (
              <option key={code} value={code}>
                {countryName(code)} ({code})
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="verdict-actions">
        <button
          type="button"
          className="primary"
          disabled={decide.isPending || chosen === ''}
          onClick={() => send({ ids, decision: 'verified', countryCode: chosen })}
        >
          Verify as {chosen ? countryName(chosen) : '…'}
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => send({ ids, decision: 'rejected' })}>
          Reject
        </button>
      </div>
      {error}
    </div>
  );
}
