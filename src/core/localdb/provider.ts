// The local database as the composition root uses it: planned from the app's data folder on first
// use, started on demand (again after a failure: that is "Retry"), stopped on quit.
import type { LocalDatabaseProvider } from '../app';
import { LocalDatabase } from './localDatabase';
import { planLocalDatabase } from './plan';

export function localDatabaseProvider(
  userDataDir: string,
  env: Record<string, string | undefined>,
  log: (message: string) => void = () => {},
): LocalDatabaseProvider {
  let database: LocalDatabase | null = null;
  let report: Parameters<LocalDatabaseProvider['start']>[0] = () => {};
  return {
    start(onProgress) {
      report = onProgress;
      if (!database) {
        const plan = planLocalDatabase({ userDataDir, env });
        for (const warning of plan.warnings) log(warning);
        database = new LocalDatabase(plan, { onProgress: (progress) => report(progress) });
      }
      return database.start();
    },
    async stop() {
      await database?.stop();
    },
  };
}
