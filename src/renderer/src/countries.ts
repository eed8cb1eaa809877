// Country names in the person's language (Intl.DisplayNames with the system locale): leads store codes,
// and every part of the renderer names a country through here. The English name is kept for search only.
import { formatNumber } from './format';

/** Every ISO 3166-1 alpha-2 code, and XK (Kosovo, which nationalize.io uses): a verdict's choices. */
export const COUNTRY_CODES: readonly string[] = `
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
  BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
  ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
  IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
  MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
  NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
  SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
  VG VI VN VU WF WS XK YE YT ZA ZM ZW`
  .trim()
  .split(/\s+/);

function displayNames(locale: string | undefined): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region', fallback: 'code' });
  } catch {
    return null;
  }
}

const local = displayNames(undefined);
const english = displayNames('en');

function nameIn(names: Intl.DisplayNames | null, code: string): string {
  if (!code) return '';
  try {
    return names?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The country's name in the system's language: "DE" is "Germany", "Allemagne" in French. */
export function countryName(code: string): string {
  return nameIn(local, code);
}

/** The English name, for search only: a person may type either. */
export function englishCountryName(code: string): string {
  return nameIn(english, code);
}

/** Whether a search text matches this country: its code, its name here, or its English name. */
export function countryMatches(code: string, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return (
    code.toLowerCase() === needle ||
    countryName(code).toLocaleLowerCase().includes(needle) ||
    englishCountryName(code).toLocaleLowerCase().includes(needle)
  );
}

/** "Germany: 1,204 leads", for a chart's tooltip and its accessible name. */
export function countryLeads(code: string, leads: number): string {
  return `${countryName(code)}: ${formatNumber(leads)} ${leads === 1 ? 'lead' : 'leads'}`;
}
