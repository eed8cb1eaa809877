// Upgrades the documents of an older database once, when the app first opens it after an update (with
// the indexes, see database.ts). Each step is safe to run again: it only touches what lacks the field.
import { leadSearchFields } from './leadQuery';
import type { Models, Types } from './models';

const BATCH = 1000;

/** Steps by the index version they lead to. */
const STEPS: Record<number, (models: Models) => Promise<void>> = {
  // Version 3: leads keep their probability in whole percent (for the charts) and the API's guess.
  3: async ({ Lead }) => {
    for (;;) {
      const leads = await Lead.find(
        { probabilityPct: { $exists: false } },
        { countryCode: 1, country: 1, probability: 1 },
      )
        .limit(BATCH)
        .lean<Array<{ _id: Types.ObjectId; countryCode: string; country: string; probability: number }>>();
      if (leads.length === 0) return;
      await Lead.bulkWrite(
        leads.map((lead) => ({
          updateOne: {
            filter: { _id: lead._id },
            update: {
              $set: {
                probabilityPct: Math.floor(lead.probability * 100),
                guess: {
                  countryCode: lead.countryCode,
                  country: lead.country,
                  probability: lead.probability,
                },
                verdict: null,
              },
            },
          },
        })),
        { ordered: false },
      );
    }
  },
  // Versions 4 and 5 (folded search words, name and country sort keys) are fillLeadSearchFields,
  // run at every open (see database.ts).
};

export async function upgradeDocuments(models: Models, from: number, to: number): Promise<void> {
  for (let version = from + 1; version <= to; version++) await STEPS[version]?.(models);
}

/**
 * Gives leads lacking their folded search words and sort keys (written by an older app, even after this
 * database was upgraded) what search and sort need. When there is nothing to do it is one indexed query:
 * one round trip at every open.
 */
export async function fillLeadSearchFields({ Lead }: Models): Promise<void> {
  for (;;) {
    const leads = await Lead.find(
      { $or: [{ nameSort: { $exists: false } }, { countrySort: { $exists: false } }] },
      { name: 1, countryCode: 1, country: 1 },
    )
      .limit(BATCH)
      .lean<Array<{ _id: Types.ObjectId; name: string; countryCode: string; country: string }>>();
    if (leads.length === 0) return;
    await Lead.bulkWrite(
      leads.map((lead) => ({
        updateOne: {
          filter: { _id: lead._id },
          update: { $set: leadSearchFields(lead.name, lead.countryCode, lead.country) },
        },
      })),
      { ordered: false },
    );
    if (leads.length < BATCH) return;
  }
}
