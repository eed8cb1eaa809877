// Ends the run with one plain line, "N passed, N failed, N skipped", that any CI can read, and writes
// the counts per project to test-results/summary.json (CI checks that the browser tests really ran).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

type Counts = { passed: number; failed: number; skipped: number };

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const total: Counts = { passed: 0, failed: 0, skipped: 0 };
    const byProject: Record<string, Counts> = {};
    for (const module of testModules) {
      const project = (byProject[module.project.name] ??= { passed: 0, failed: 0, skipped: 0 });
      const add = (key: keyof Counts) => {
        total[key]++;
        project[key]++;
      };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        add(state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped');
      }
      // A file that failed to load has no tests to count, but it failed.
      if (module.state() === 'failed' && module.children.size === 0) add('failed');
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', 'summary.json'), `${JSON.stringify({ total, byProject }, null, 2)}\n`);
    process.stdout.write(
      `\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
    );
  }
}
