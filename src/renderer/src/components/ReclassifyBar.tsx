import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { formatNumber, formatPercent, plural } from '../format';
import { errorMessage } from '../hooks/errorMessage';
import { useDatabaseReady, useSettingsQuery } from '../hooks/queries';

/** "2 would become Verified and 1 To Check", leaving out a way nothing moves. */
function moves(toVerified: number, toToCheck: number): string {
  const [verified, toCheck] = [formatNumber(toVerified), formatNumber(toToCheck)];
  if (toVerified > 0 && toToCheck > 0) return `${verified} would become Verified and ${toCheck} To Check`;
  return toVerified > 0 ? `${verified} would become Verified` : `${toCheck} would become To Check`;
}

/**
 * After the Verified threshold or the minimum sample count changed: stored leads classified under the old
 * rule are said, with how many move which way, and moved in one go when the person asks.
 */
export function ReclassifyBar() {
  const api = useApi();
  const client = useQueryClient();
  const ready = useDatabaseReady();
  const settings = useSettingsQuery().data;
  const rule = settings && {
    threshold: settings.verifiedThreshold,
    minSampleCount: settings.nationalize.minSampleCount,
  };
  const [done, setDone] = useState<string | null>(null);
  const preview = useQuery({
    // Under the leads' key: a run, a delete or a reclassification asks again.
    queryKey: keys.reclassifyPreview(rule?.threshold ?? null, rule?.minSampleCount ?? null),
    queryFn: () => api.leads.reclassifyPreview({}),
    enabled: ready && rule !== undefined,
  });
  const reclassify = useMutation({
    mutationFn: () => api.leads.reclassify(),
    onSuccess: (result) => {
      setDone(`${plural(result.changed, 'lead')} reclassified under the current rule.`);
      void client.invalidateQueries({ queryKey: keys.leads });
    },
  });
  const data = preview.data;
  return (
    <>
      {data && data.changes > 0 && (
        <div className="reclassify-bar" role="region" aria-label="Reclassify leads">
          <span>
            {plural(data.changes, 'stored lead')} {data.changes === 1 ? 'was' : 'were'} classified under an
            older rule. With Verified from {formatPercent(data.threshold)}
            {data.minSampleCount > 0 ? ` and at least ${formatNumber(data.minSampleCount)} people` : ''}:{' '}
            {moves(data.toVerified, data.toToCheck)}
            {data.decided > 0
              ? ` (${plural(data.decided, 'lead')} with a person's decision stay as they are)`
              : ''}
            .
          </span>
          <button type="button" disabled={reclassify.isPending} onClick={() => reclassify.mutate()}>
            {reclassify.isPending ? 'Reclassifying…' : `Reclassify ${plural(data.changes, 'lead')}`}
          </button>
        </div>
      )}
      {reclassify.isError && (
        <div role="alert" className="alert alert-error">
          Could not reclassify: {errorMessage(reclassify.error)}
        </div>
      )}
      <p role="status" className="bulk-status muted">
        {done}
      </p>
    </>
  );
}
