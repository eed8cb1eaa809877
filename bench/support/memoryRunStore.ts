// A RunStore kept in memory whose every database round trip takes a fixed time: the "database whose
// writes take 20 ms" of the benchmark. It makes the same round trips as MongoRunStore for the same
// calls (one per collection touched, parallel where the Mongo store runs them in parallel), counts them,
// and keeps only what the engine reads back, so a 100,000-name run measures the app, not this store.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import type { LeadStatus } from '@shared/contract';
import type { RunDoc, RunItemDoc } from '../../src/core/store/models';
import {
  emptyCounts,
  type ClaimResult,
  type ClaimTicket,
  type NewItem,
  type NewRun,
  type OutcomeBatch,
  type RunCounts,
  type RunFinish,
  type RunOwner,
  type RunStore,
  type StoredAnswer,
} from '../../src/core/store/runStore';

interface Item {
  name: string;
  pos: number;
  state: string;
  status: LeadStatus | null;
  code: string | null;
  reason: string | null;
}

export class MemoryRunStore implements RunStore {
  roundTrips = 0;
  private readonly runs = new Map<string, Record<string, unknown>>();
  private readonly items = new Map<string, Map<string, Item>>();
  private readonly leads = new Map<string, { runId: string; status: LeadStatus }>();
  private readonly answers = new Map<string, StoredAnswer>();
  private readonly claims = new Map<string, { token: string; runId: string; expiresAt: Date }>();

  constructor(private readonly latencyMs: number) {}

  /** Forgets everything (to measure how much it held). */
  clear(): void {
    for (const map of [this.runs, this.items, this.leads, this.answers, this.claims]) map.clear();
  }

  /** One round trip per call, each taking the fixed latency; calls in one array run side by side. */
  private async trips(count: number): Promise<void> {
    if (count === 0) return;
    this.roundTrips += count;
    await sleep(this.latencyMs);
  }

  async createRun(run: NewRun, items: readonly NewItem[]): Promise<void> {
    await this.trips(1);
    this.runs.set(String(run._id), { ...run, state: 'running' });
    await this.trips(Math.ceil(items.length / 10_000));
    const map = new Map<string, Item>();
    for (const i of items) {
      map.set(i.key, {
        name: i.name,
        pos: i.pos,
        state: i.state,
        status: null,
        code: i.code ?? null,
        reason: i.reason ?? null,
      });
    }
    this.items.set(String(run._id), map);
  }

  async takeRun(runId: Types.ObjectId): Promise<RunDoc | null> {
    await this.trips(3);
    return (this.runs.get(String(runId)) as unknown as RunDoc) ?? null;
  }

  async resumableRuns(): Promise<RunDoc[]> {
    await this.trips(1);
    return [];
  }

  async nextResumeAt(): Promise<Date | null> {
    await this.trips(1);
    return null;
  }

  async renewLease(
    _runId: Types.ObjectId,
    _o: RunOwner,
    leaseMs: number,
    token: Types.ObjectId,
  ): Promise<boolean> {
    await this.trips(2);
    for (const claim of this.claims.values()) {
      if (claim.token === String(token)) claim.expiresAt = new Date(Date.now() + leaseMs);
    }
    return true;
  }

  async openItems(runId: Types.ObjectId): Promise<RunItemDoc[]> {
    await this.trips(1);
    return [...(this.items.get(String(runId)) ?? [])]
      .filter(([, i]) => i.state === 'pending' || i.state === 'waiting')
      .map(([key, i]) => ({ key, ...i }) as unknown as RunItemDoc);
  }

  async counts(runId: Types.ObjectId): Promise<RunCounts> {
    await this.trips(1);
    const counts = emptyCounts();
    for (const item of this.items.get(String(runId))?.values() ?? []) {
      counts[item.state as keyof RunCounts]++;
      if (item.state === 'lead') counts[item.status === 'Verified' ? 'verified' : 'toCheck']++;
    }
    return counts;
  }

  async failedItems(runId: Types.ObjectId): Promise<RunItemDoc[]> {
    await this.trips(1);
    return [...(this.items.get(String(runId)) ?? [])]
      .filter(([, i]) => i.state === 'failed')
      .map(([key, i]) => ({ key, ...i }) as unknown as RunItemDoc);
  }

  async leadsOf(keys: readonly string[]): Promise<Map<string, { runId: string | null; status: LeadStatus }>> {
    await this.trips(Math.ceil(keys.length / 10_000));
    const found = new Map<string, { runId: string | null; status: LeadStatus }>();
    for (const key of keys) {
      const lead = this.leads.get(key);
      if (lead) found.set(key, lead);
    }
    return found;
  }

  async freshAnswers(keys: readonly string[], since: Date): Promise<Map<string, StoredAnswer>> {
    await this.trips(Math.ceil(keys.length / 10_000));
    const found = new Map<string, StoredAnswer>();
    for (const key of keys) {
      const answer = this.answers.get(key);
      if (answer && answer.answeredAt >= since) found.set(key, answer);
    }
    return found;
  }

  async claim(keys: readonly string[], ticket: ClaimTicket, now = new Date()): Promise<ClaimResult> {
    // The insert, and when some are taken, the read that says by whom (as MongoRunStore does).
    const taken = keys.some((k) => this.claims.has(k));
    await this.trips(Math.ceil(keys.length / 10_000) * (taken ? 2 : 1));
    const mine = new Set<string>();
    const others = new Map<string, Date>();
    for (const key of keys) {
      const held = this.claims.get(key);
      if (!held || held.expiresAt <= now || held.runId === String(ticket.runId)) {
        this.claims.set(key, {
          token: String(ticket.token),
          runId: String(ticket.runId),
          expiresAt: ticket.expiresAt,
        });
        mine.add(key);
      } else others.set(key, held.expiresAt);
    }
    return { mine, others };
  }

  async claimsOf(keys: readonly string[]): Promise<Map<string, Date>> {
    await this.trips(1);
    const found = new Map<string, Date>();
    for (const key of keys) {
      const held = this.claims.get(key);
      if (held) found.set(key, held.expiresAt);
    }
    return found;
  }

  async release(token: Types.ObjectId, keys?: readonly string[]): Promise<void> {
    if (keys && keys.length === 0) return;
    await this.trips(keys ? Math.ceil(keys.length / 10_000) : 1);
    const t = String(token);
    for (const [key, claim] of this.claims) {
      if (claim.token === t && (!keys || keys.includes(key))) this.claims.delete(key);
    }
  }

  async writeOutcomes(batch: OutcomeBatch): Promise<{ known: Set<string> }> {
    // Stage 1, side by side: leads, answers, refreshed leads, failure records.
    const settled = batch.settled.length + batch.failures.length > 0;
    const first = [batch.leads.length, batch.answers.length, batch.refreshed.length].filter(
      (n) => n > 0,
    ).length;
    await this.trips(first + (settled ? 1 : 0));
    const runId = String(batch.runId);
    const known = new Set<string>();
    for (const lead of batch.leads) {
      const held = this.leads.get(lead.key);
      if (held && held.runId !== runId) known.add(lead.key);
      else this.leads.set(lead.key, { runId, status: lead.status });
    }
    for (const answer of batch.answers) this.answers.set(answer.key, answer);
    // Stage 2, side by side: the items, and the claims given back.
    await this.trips((batch.outcomes.length ? 1 : 0) + (batch.release.length ? 1 : 0));
    const items = this.items.get(runId)!;
    for (const o of batch.outcomes) {
      const item = items.get(o.key)!;
      if (item.state !== 'pending' && item.state !== 'waiting') continue;
      const state = o.state === 'lead' && known.has(o.key) ? 'known' : o.state;
      Object.assign(item, {
        state,
        status: state === 'lead' && 'status' in o ? o.status : null,
        code: 'code' in o ? o.code : null,
        reason: 'reason' in o ? o.reason : null,
      });
    }
    const t = String(batch.token);
    for (const key of batch.release) if (this.claims.get(key)?.token === t) this.claims.delete(key);
    return { known };
  }

  async finishRun(runId: Types.ObjectId, finish: RunFinish): Promise<void> {
    await this.trips(1);
    Object.assign(this.runs.get(String(runId))!, { state: finish.state });
  }
}
