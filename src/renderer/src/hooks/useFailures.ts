import { useEffect, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { FailuresPage } from '@shared/contract';
import { errorMessage } from './errorMessage';

interface Result {
  version: number | null;
  data: FailuresPage | null;
  error: string | null;
}

/** Every stored failure (the run filter is applied on screen), refetched when `version` changes. */
export function useFailures(api: LeadEnricherApi, version: number) {
  const [result, setResult] = useState<Result>({ version: null, data: null, error: null });

  useEffect(() => {
    let current = true;
    api.listFailures({}).then(
      (data) => current && setResult({ version, data, error: null }),
      (error: unknown) =>
        current && setResult((prev) => ({ version, data: prev.data, error: errorMessage(error) })),
    );
    return () => {
      current = false;
    };
  }, [api, version]);

  return { data: result.data, error: result.error, loading: result.version !== version };
}
