import { useCallback, useState } from 'react';
import type { TestResult } from '@shared/contract';
import { errorMessage } from './errorMessage';

export type CheckState = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: TestResult };

/**
 * A "Test ..." button's outcome. A rejected call (the request itself was refused) is shown like a
 * failed test, with its message: either way the person reads what is wrong.
 */
export function useCheck() {
  const [state, setState] = useState<CheckState>({ phase: 'idle' });

  const run = useCallback(async (check: () => Promise<TestResult>) => {
    setState({ phase: 'running' });
    try {
      setState({ phase: 'done', result: await check() });
    } catch (error) {
      setState({ phase: 'done', result: { ok: false, message: errorMessage(error) } });
    }
  }, []);

  return { state, running: state.phase === 'running', run };
}
