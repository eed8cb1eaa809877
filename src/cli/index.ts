// The CLI's entry: the heap is tuned before the modules load (their start-up would otherwise grow the
// young generation to its largest, see src/core/heap.ts), then the command line runs.
import { preferSmallHeap } from '../core/heap';

preferSmallHeap();
await import('./program');
