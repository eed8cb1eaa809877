import { Fragment } from 'react';

/** Parts joined by " · ", each kept on one line so a wrap never splits a count from its noun. */
export function DotList({ parts }: { parts: readonly string[] }) {
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 && ' · '}
      <span className="nowrap">{part}</span>
    </Fragment>
  ));
}
