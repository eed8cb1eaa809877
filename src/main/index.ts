// The main process's entry: the heap is tuned before the app's modules load (their start-up would
// otherwise grow the young generation to its largest, see src/core/heap.ts), then the app starts.
import { preferSmallHeap } from '../core/heap';

preferSmallHeap();
await import('./lifecycle');
