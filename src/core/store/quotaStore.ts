// The API quota last seen, kept in the database: after a restart, and in every app on the same database,
// the cost shown before a run knows what is left without spending a name to find out. Kept per API key
// and address (a fingerprint, never the key), and only while its window has not reset.
import { createHash } from 'node:crypto';
import type { RateLimitView } from '@shared/contract';
import { guardDatabase } from '../errors';
import type { Models } from './models';

export function quotaFingerprint(baseUrl: string, apiKey: string | null): string {
  return createHash('sha256')
    .update(`${baseUrl}\n${apiKey ?? ''}`)
    .digest('hex')
    .slice(0, 24);
}

export class QuotaStore {
  constructor(private readonly models: Models) {}

  /** The last view any app saw for this key, while its window lasts. */
  async load(fingerprint: string, now = new Date()): Promise<RateLimitView | null> {
    const doc = await guardDatabase(() => this.models.Quota.findById(fingerprint).lean());
    if (!doc || !doc.resetsAt || doc.resetsAt <= now) return null;
    return {
      limit: doc.limit ?? null,
      remaining: doc.remaining ?? null,
      resetsAt: doc.resetsAt.toISOString(),
    };
  }

  async save(fingerprint: string, view: RateLimitView, seenAt = new Date()): Promise<void> {
    await guardDatabase(() =>
      this.models.Quota.updateOne(
        { _id: fingerprint },
        {
          $set: {
            limit: view.limit,
            remaining: view.remaining,
            resetsAt: view.resetsAt ? new Date(view.resetsAt) : null,
            seenAt,
          },
        },
        { upsert: true },
      ),
    );
  }
}
