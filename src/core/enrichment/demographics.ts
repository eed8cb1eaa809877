// Gender and age for the names nationalize.io placed: genderize.io and agify.io asked with country_id =
// the name's top country, for a localised answer. Names are gathered by country into batches of 10 (a
// batch is localised to one country), asked while other names' countries are still being looked up,
// then handed on. A failure here never loses the country the name already has: the name goes on without
// gender or age, and a later refresh can fill them.
import type { Demographic, NationalizeClient } from '../nationalize/client';
import { BATCH_SIZE } from '../nationalize/client';
import type { StoredAnswer } from '../store/runStore';

export interface DemographicEntry {
  key: string;
  name: string;
  answer: StoredAnswer;
}

/** A batch waits this long for more names of its country before it is asked as it is. */
const GATHER_MS = 100;

/** The top country of an answer: the one its demographics are localised to. */
export function topCountry(answer: StoredAnswer): string | null {
  let top: { country_id: string; probability: number } | null = null;
  for (const c of answer.countries) if (!top || c.probability > top.probability) top = c;
  return top?.country_id ?? null;
}

/** The services the answer still lacks for its top country. */
export function missingDemographics(answer: StoredAnswer, wanted: readonly Demographic[]): Demographic[] {
  const country = topCountry(answer);
  return wanted.filter((service) => {
    const have = service === 'genderize' ? answer.gender : answer.age;
    return !have || have.countryId !== country;
  });
}

export class DemographicsStage {
  private readonly groups = new Map<string, DemographicEntry[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: NationalizeClient,
    private readonly wanted: readonly Demographic[],
    private readonly signal: AbortSignal,
    /** Gets the entries with their answers completed (as far as the services answered). */
    private readonly onReady: (entries: DemographicEntry[]) => Promise<void>,
  ) {}

  get enabled(): boolean {
    return this.wanted.length > 0;
  }

  add(entries: readonly DemographicEntry[]): void {
    for (const entry of entries) {
      const country = topCountry(entry.answer) ?? '';
      const group = this.groups.get(country) ?? [];
      group.push(entry);
      this.groups.set(country, group);
      if (group.length >= BATCH_SIZE) this.flush(country);
      else if (!this.timers.has(country)) {
        this.timers.set(
          country,
          setTimeout(() => this.flush(country), GATHER_MS),
        );
      }
    }
  }

  /** Asks what is gathered and waits until every entry has been handed on. */
  async drain(): Promise<void> {
    for (const country of [...this.groups.keys()]) this.flush(country);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private flush(country: string): void {
    clearTimeout(this.timers.get(country));
    this.timers.delete(country);
    const group = this.groups.get(country) ?? [];
    this.groups.delete(country);
    for (let i = 0; i < group.length; i += BATCH_SIZE) {
      const batch = group.slice(i, i + BATCH_SIZE);
      const work = this.ask(country || null, batch).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    }
  }

  private async ask(country: string | null, batch: DemographicEntry[]): Promise<void> {
    const services = this.wanted.filter((s) => batch.some((e) => missingDemographics(e.answer, [s]).length));
    const names = batch.map((e) => e.name);
    const results = await Promise.all(
      services.map((service) => this.client.demographics(service, names, country, this.signal)),
    );
    services.forEach((service, s) => {
      results[s]!.forEach((outcome, i) => {
        if (!outcome.ok) return;
        const answer = batch[i]!.answer;
        batch[i]!.answer = {
          ...answer,
          ...(service === 'genderize' && 'gender' in outcome
            ? {
                gender: {
                  value: outcome.gender,
                  probability: outcome.probability,
                  count: outcome.count,
                  countryId: country,
                },
              }
            : {}),
          ...(service === 'agify' && 'age' in outcome
            ? { age: { value: outcome.age, count: outcome.count, countryId: country } }
            : {}),
        };
      });
    });
    await this.onReady(batch);
  }
}
