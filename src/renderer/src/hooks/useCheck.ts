import { useMutation } from '@tanstack/react-query';
import type { TestResult } from '@shared/contract';
import { errorMessage } from './errorMessage';

export type CheckState = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: TestResult };

/**
 * A "Test ..." button's outcome. A rejected call (the request itself was refused) is shown like a
 * failed test, with its message: either way the person reads what is wrong.
 */
export function useCheck() {
  const check = useMutation({ mutationFn: (test: () => Promise<TestResult>) => test() });
  const state: CheckState = check.isPending
    ? { phase: 'running' }
    : check.isSuccess
      ? { phase: 'done', result: check.data }
      : check.isError
        ? { phase: 'done', result: { ok: false, message: errorMessage(check.error) } }
        : { phase: 'idle' };
  return { state, running: check.isPending, run: check.mutate };
}
