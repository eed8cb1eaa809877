// Reads what a run left in the database, straight from the collections (not through the app), so a
// test can check every name's outcome whatever the app believes.
import mongoose, { type Connection } from 'mongoose';

export interface StoredState {
  /** Each item of the run: its key and state. */
  items: Array<{ key: string; name: string; state: string; code: string | null; runId: string }>;
  leads: Array<{ key: string; name: string; countryCode: string; probability: number; runId: string }>;
  /** Current failure records (each name's latest). */
  failures: Array<{ key: string; name: string; code: string; runId: string; length: number | null }>;
  answers: Array<{ key: string; countries: Array<{ countryCode: string; probability: number }> }>;
  claims: Array<{ key: string }>;
  runs: Array<{ _id: string; state: string; waiting: number; enriched: number; resumeAt: string | null }>;
}

export class DatabaseInspector {
  private constructor(private readonly connection: Connection) {}

  static async open(uri: string): Promise<DatabaseInspector> {
    const connection = mongoose.createConnection(uri, { autoCreate: false, autoIndex: false });
    await connection.asPromise();
    return new DatabaseInspector(connection);
  }

  private async all<T>(collection: string, filter: Record<string, unknown> = {}): Promise<T[]> {
    const docs = await this.connection.db!.collection(collection).find(filter).toArray();
    return docs.map((d) => JSON.parse(JSON.stringify(d)) as T);
  }

  async state(runId?: string): Promise<StoredState> {
    const byRun = runId ? { runId: new mongoose.Types.ObjectId(runId) } : {};
    const [items, leads, failures, answers, claims, runs] = await Promise.all([
      this.all<StoredState['items'][number]>('run_items', byRun),
      this.all<StoredState['leads'][number]>('leads'),
      this.all<StoredState['failures'][number]>('failed_names', { current: true }),
      this.all<StoredState['answers'][number]>('name_answers'),
      this.all<StoredState['claims'][number]>('name_claims'),
      this.all<StoredState['runs'][number]>('enrichment_runs'),
    ]);
    return { items, leads, failures, answers, claims, runs };
  }

  async deleteAll(collection: string): Promise<void> {
    await this.connection.db!.collection(collection).deleteMany({});
  }

  async count(collection: string): Promise<number> {
    return this.connection.db!.collection(collection).countDocuments();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/**
 * The invariants of a finished run: every item settled once; a 'lead' or 'known' item has its lead; a
 * 'failed' item has no lead and a current failure record for its name (unless a later run settled it).
 */
export function checkOutcomes(state: StoredState, runId: string): string[] {
  const problems: string[] = [];
  const items = state.items.filter((i) => i.runId === runId);
  const leadKeys = new Set(state.leads.map((l) => l.key));
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) problems.push(`${item.name}: two items`);
    seen.add(item.key);
    if (item.state === 'pending' || item.state === 'waiting')
      problems.push(`${item.name}: still ${item.state}`);
    if ((item.state === 'lead' || item.state === 'known') && !leadKeys.has(item.key))
      problems.push(`${item.name}: ${item.state} without a lead`);
    if (item.state === 'failed' && leadKeys.has(item.key)) problems.push(`${item.name}: failed, yet a lead`);
  }
  const leadsByKey = new Map<string, number>();
  for (const lead of state.leads) leadsByKey.set(lead.key, (leadsByKey.get(lead.key) ?? 0) + 1);
  for (const [key, n] of leadsByKey) if (n > 1) problems.push(`${key}: ${n} leads`);
  const failureKeys = new Map<string, number>();
  for (const f of state.failures) failureKeys.set(f.key, (failureKeys.get(f.key) ?? 0) + 1);
  for (const [key, n] of failureKeys) if (n > 1) problems.push(`${key}: ${n} current failures`);
  for (const f of state.failures)
    if (leadKeys.has(f.key)) problems.push(`${f.name}: a current failure and a lead`);
  return problems;
}
