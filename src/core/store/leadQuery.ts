// The leads table's queries in the database's terms: a filter (tab, sync state, search, a chart's click),
// a sort that an index serves and ends on _id, and keyset cursors, so a page costs the same at any depth.
import { Types } from 'mongoose';
import type { LeadSortField, LeadsFilter } from '@shared/contract';
import { searchTerms, searchWords, sortKey } from '@shared/search';
import { CoreError } from '../errors';
import { SYNC_STATE_FILTERS } from '../sync/leadState';

/** What a lead is found and sorted by; written whenever its name or country is. */
export function leadSearchFields(
  name: string,
  countryCode: string,
  country: string,
): { words: string[]; nameSort: string; countrySort: string } {
  return {
    words: searchWords(name, country, countryCode),
    nameSort: sortKey(name),
    countrySort: sortKey(country),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The database filter of a table filter; `status: false` leaves the tab out (the counts add their own). */
export function leadsFilterQuery(
  q: LeadsFilter,
  options: { status?: boolean } = {},
): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const and: Array<Record<string, unknown>> = [];
  // Every word typed starts some word of the lead: an anchored regex, a range of the `words` index.
  const terms = searchTerms(q.search ?? '');
  for (const term of terms) and.push({ words: { $regex: `^${escapeRegex(term)}` } });
  // Typed text with no letter or digit in it ("-", ".*") matches no word.
  if (terms.length === 0 && q.search?.trim()) and.push({ _id: null });
  if (q.countryCode) filter.countryCode = q.countryCode;
  if (q.runId) filter.runId = new Types.ObjectId(q.runId);
  // The histogram's own field, so a clicked band holds exactly the leads its bars counted.
  if (q.minPct !== undefined || q.maxPct !== undefined) {
    filter.probabilityPct = { $gte: q.minPct ?? 0, $lte: q.maxPct ?? 100 };
  }
  if (q.syncState) and.push(SYNC_STATE_FILTERS[q.syncState]);
  if (and.length) filter.$and = and;
  if (q.status && options.status !== false) filter.status = q.status;
  return filter;
}

type Dir = 1 | -1;
export type SortSpec = Array<[field: string, dir: Dir]>;

/** Each sort ends on _id (pages are stable), and matches an index of the leads (see models.ts). */
export function sortSpec(sortBy: LeadSortField, sortDir: 'asc' | 'desc'): SortSpec {
  const d: Dir = sortDir === 'asc' ? 1 : -1;
  switch (sortBy) {
    case 'name':
      return [
        ['nameSort', d],
        ['_id', d],
      ];
    case 'country':
      return [
        ['countrySort', d],
        ['_id', d],
      ];
    case 'status':
      // Newest first within a status, served by the { status, createdAt: -1, _id: -1 } index both ways.
      return [
        ['status', d],
        ['createdAt', -d as Dir],
        ['_id', -d as Dir],
      ];
    default:
      return [
        [sortBy, d],
        ['_id', d],
      ];
  }
}

export function sortObject(spec: SortSpec, reverse = false): Record<string, Dir> {
  return Object.fromEntries(spec.map(([field, dir]) => [field, (reverse ? -dir : dir) as Dir]));
}

type CursorValue = string | number | { d: string } | { o: string } | null;
const BAD_CURSOR = 'The page to continue from is not valid any more: go back to the first page';

function encodeValue(value: unknown): CursorValue {
  if (value instanceof Date) return { d: value.toISOString() };
  if (value instanceof Types.ObjectId) return { o: value.toHexString() };
  if (typeof value === 'string' || typeof value === 'number') return value;
  return null;
}

function decodeValue(value: CursorValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if ('d' in value && typeof value.d === 'string') return new Date(value.d);
  if ('o' in value && typeof value.o === 'string' && Types.ObjectId.isValid(value.o))
    return new Types.ObjectId(value.o);
  throw new CoreError('invalid_request', BAD_CURSOR);
}

/** An opaque cursor: the sort it belongs to and the sort values of one lead. */
export function encodeCursor(sort: string, spec: SortSpec, doc: Record<string, unknown>): string {
  const values = spec.map(([field]) => encodeValue(doc[field]));
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, spec: SortSpec): unknown[] {
  let parsed: { s?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw new CoreError('invalid_request', BAD_CURSOR);
  }
  if (parsed.s !== sort || !Array.isArray(parsed.v) || parsed.v.length !== spec.length) {
    throw new CoreError('invalid_request', BAD_CURSOR);
  }
  return (parsed.v as CursorValue[]).map(decodeValue);
}

/**
 * The leads strictly after (or before) the cursor's lead in the sort's order:
 * (a > va) or (a = va and b > vb) or ..., each comparison the way its field sorts. MongoDB sorts a
 * missing or null value before any other, so a lead an older app wrote without its sort key (a null in
 * the cursor) still has its place: nothing is below null, everything stored is above it.
 */
export function keysetCondition(spec: SortSpec, values: unknown[], side: 'after' | 'before') {
  const or: Array<Record<string, unknown>> = [];
  spec.forEach(([field, dir], i) => {
    const condition: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) condition[spec[j]![0]] = values[j];
    const ascending = side === 'after' ? dir === 1 : dir === -1;
    const value = values[i];
    if (value === null || value === undefined) {
      if (!ascending) return; // nothing sorts below null
      condition[field] = { $ne: null };
    } else if (ascending) {
      condition[field] = { $gt: value };
    } else {
      // Below a value: smaller values, and the leads without one.
      condition.$or = [{ [field]: { $lt: value } }, { [field]: null }];
    }
    or.push(condition);
  });
  return { $or: or };
}
