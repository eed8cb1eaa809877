// Numbers, percentages and durations for people, one rule each, for the core's messages, the command line
// and the renderer alike. Dependency-free (Intl is built into Node and the browser), so every side imports it.
// `locale` is for tests and callers that know better; by default the runtime's locale is used.

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** A count with the locale's grouping: 2499 -> "2,499". */
export function formatNumber(value: number, locale?: string): string {
  return numberFormat(locale, {}).format(value);
}

/** The count with the right noun: "1 name", "2,499 names". */
export function formatCount(count: number, one: string, many = `${one}s`, locale?: string): string {
  return `${formatNumber(count, locale)} ${count === 1 ? one : many}`;
}

/** A probability 0..1 as a percentage with one decimal: 0.8734 -> "87.3%" (in German "87,3 %"). */
export function formatPercent(fraction: number, locale?: string): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(fraction);
}

/**
 * exact: a measured time, a run's or a request's ("850 ms", "12.4 s", "3 min 5 s", "2 h 5 min").
 * approx: a time left or gone by, to the minute, for "resets in …" and "… ago" ("less than a minute",
 * "42 min", "3 h 5 min", "3 days").
 */
export type DurationStyle = 'exact' | 'approx';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A duration in milliseconds, written for a person (see DurationStyle). */
export function formatDuration(ms: number, style: DurationStyle = 'exact', locale?: string): string {
  if (!Number.isFinite(ms)) return '—';
  const span = Math.max(0, ms);
  if (style === 'exact' && span < HOUR) {
    if (span < 1000) return `${Math.round(span)} ms`;
    const tenths = Math.round(span / 100);
    if (tenths < 600) {
      const seconds = numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      return `${seconds.format(tenths / 10)} s`;
    }
    const seconds = Math.round(span / 1000);
    const rest = seconds % 60;
    return rest === 0 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  // From an hour on, both styles count minutes: seconds no longer matter to anyone.
  if (span < MINUTE) return 'less than a minute';
  const minutes = Math.round(span / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${formatNumber(Math.round(hours / 24), locale)} days`;
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
