// Child process of the benchmark, started as the app's entries start: the heap is tuned first (unless
// the second argument is 'v8-defaults'), then the work and its modules load (bigRunWork.ts).
import { preferSmallHeap } from '../../src/core/heap';

if (process.argv[3] !== 'v8-defaults') preferSmallHeap();
await import('./bigRunWork');
