// How the app's process keeps its heap small during big runs. A run's garbage (requests, answers,
// outcomes waiting for their write) lives long enough to leave the young generation, and V8 lets the
// old one grow to about four times what was live at its last full collection before it collects again:
// a 100,000-name run peaked at 300-410 MB of which under 80 MB was live. These GC heuristics are read
// at every collection, so they can be set once the process runs (no command-line flags, which the
// packaged desktop app cannot be given).
import { setFlagsFromString } from 'node:v8';

const FLAGS = [
  // Collect the old generation once it is half again as big as what was live (V8 picks 1.1 to 4x).
  '--heap-growing-percent=50',
  // Keep the young generation at its starting size (1 MB semi-spaces) instead of letting it grow to 16-32 MB.
  '--semi-space-growth-factor=1',
];

/** Called first by the entries of the desktop app's main process and of the CLI. */
export function preferSmallHeap(): void {
  for (const flag of FLAGS) setFlagsFromString(flag);
}
