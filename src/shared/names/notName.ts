// Entries that are something other than a name: an email address, a phone number, a web address,
// a placeholder for a missing value, a note or sentence. Each rule is a pure function of the entry's text.
import type { EntryFailureCode } from '../failures';
import { titleCase } from './case';
import { isParticle, NOTE_WORDS, token } from './vocabulary';

export interface NotAName {
  code: Exclude<EntryFailureCode, 'invalid_name'>;
  reason: string;
  suggestion?: string;
}

const EMAIL =
  /^(?:(?:e-?mail|mail|courriel|correo)\s*:\s*)?(?:mailto:)?([^\s@<>(),;:"]+)@([^\s@<>(),;:"]+\.[\p{L}]{2,})$/iu;
/** Mailboxes of a team or a function, not of a person: no name is guessed from them. */
const ROLE_MAILBOXES = new Set([
  'info',
  'sales',
  'contact',
  'admin',
  'hello',
  'support',
  'office',
  'team',
  'noreply',
  'reply',
  'marketing',
  'billing',
  'hr',
  'jobs',
  'careers',
  'press',
  'webmaster',
  'postmaster',
  'enquiries',
  'inquiries',
  'help',
  'service',
  'mail',
  'accounts',
]);

/**
 * The name an email address was probably made from: "jane.doe@acme.com" gives "Jane Doe". Only when the
 * part before @ is two or three words of letters joined by . _ or -; "jdoe" or "info" give nothing.
 */
export function nameFromEmail(local: string): string | undefined {
  const parts = local
    .replace(/\+.*$/u, '')
    .split(/[._-]+/u)
    .filter((p) => p !== '');
  if (parts.length < 2 || parts.length > 3) return undefined;
  if (!parts.every((p) => /^\p{L}{2,}$/u.test(p) && !ROLE_MAILBOXES.has(p.toLowerCase()))) return undefined;
  return titleCase(parts.join(' '));
}

export function emailAddress(text: string): NotAName | null {
  const match = EMAIL.exec(text);
  if (!match) return null;
  const suggestion = nameFromEmail(match[1]!);
  return {
    code: 'email',
    reason: suggestion
      ? `Not a name: an email address (the name may be "${suggestion}")`
      : 'Not a name: an email address',
    ...(suggestion ? { suggestion } : {}),
  };
}

const PHONE_LABEL =
  /^(?:tel|tél|telephone|téléphone|phone|ph|mobile|mob|cell|fax|telefon|teléfono|telefono|portable|handy|móvil|movil|whatsapp|direct|office|work|home)\.?\s*:?\s*/iu;
const PHONE = /^\+?[\d\s().\-/]+?(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$/iu;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/u;

export function phoneNumber(text: string): NotAName | null {
  const number = text.replace(PHONE_LABEL, '');
  if (!PHONE.test(number) || DATE.test(number)) return null;
  const digits = number.replace(/(?:ext\.?|x|#)\s*\d+$/iu, '').replace(/\D/gu, '').length;
  if (digits < 7 || digits > 15) return null;
  return { code: 'phone', reason: 'Not a name: a phone number' };
}

const SCHEME_URL = /^(?:[a-z][a-z\d+.-]*:\/\/|www\.)\S+$/iu;
const DOMAIN_URL =
  /^(?:[a-z\d-]+\.)+(?:com|org|net|io|co|ai|app|dev|info|biz|me|us|uk|ca|au|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|in|jp|cn|ru|br|mx|eu|ly|tv|xyz|site|online|tech)(?:[/:?#]\S*)?$/iu;
const DOMAIN_WITH_PATH = /^(?:[a-z\d-]+\.)+[a-z]{2,}\/\S*$/iu;

export function webAddress(text: string): NotAName | null {
  if (!SCHEME_URL.test(text) && !DOMAIN_URL.test(text) && !DOMAIN_WITH_PATH.test(text)) return null;
  return { code: 'url', reason: 'Not a name: a web address' };
}

/** What people and spreadsheets write where a name is missing. Compared in lower case. */
const PLACEHOLDERS = new Set([
  'n/a',
  'n.a.',
  'n.a',
  'n/d',
  's/n',
  'null',
  'nil',
  'none',
  'nobody',
  'unknown',
  'tbd',
  'tbc',
  'tba',
  'undefined',
  'not available',
  'not applicable',
  'no name',
  'noname',
  'unnamed',
  'anonymous',
  'xx',
  'xxx',
  'xxxx',
  'inconnu',
  'inconnue',
  'aucun',
  'aucune',
  'néant',
  'anonyme',
  'unbekannt',
  'keine',
  'keiner',
  'k.a.',
  'desconocido',
  'desconocida',
  'ninguno',
  'ninguna',
  'sin nombre',
  'anónimo',
]);
const FILLER = /^[-–—_.…?*#/\\~]*$/u;
const SPREADSHEET_ERROR = /^#(?:n\/a|value!|ref!|name\?|div\/0!|null!|num!|spill!|calc!|getting_data)$/iu;

/** The placeholder rule for an entry of letters and spaces only, given in lower case ("none", "tbd"). */
export function placeholderWord(lower: string): NotAName | null {
  return PLACEHOLDERS.has(lower) ? PLACEHOLDER : null;
}

const PLACEHOLDER: NotAName = {
  code: 'placeholder',
  reason: 'Not a name: a placeholder for a missing value',
};

/** Expects the entry without its surrounding quotes: `""` arrives here as "". */
export function placeholder(text: string): NotAName | null {
  if (SPREADSHEET_ERROR.test(text))
    return { code: 'placeholder', reason: 'Not a name: a spreadsheet error value' };
  const bare = text.replace(/^[([{<]\s*(.*?)\s*[)\]}>]$/u, '$1').toLowerCase();
  return FILLER.test(bare) || PLACEHOLDERS.has(bare) ? PLACEHOLDER : null;
}

const INITIAL_OR_ABBREVIATION = /^(?:\p{L}\.)+$/u;
const ABBREVIATIONS = new Set(['st', 'ste', 'mt']);

/**
 * A note or a sentence, judged on the cleaned name: it ends with . ! ? or … (an initial such as "A." or an
 * abbreviation such as "St." excepted), has more than five words (particles not counted), holds a
 * colon, or has at least three words of which two are lower-case note words ("met at booth").
 */
export function sentence(name: string): NotAName | null {
  const detail = sentenceDetail(name);
  return detail ? { code: 'sentence', reason: `Not a name: a note or a sentence (${detail})` } : null;
}

function sentenceDetail(name: string): string | null {
  const end = name.charAt(name.length - 1);
  if (end === '!' || end === '?' || end === '…') return `it ends with "${end}"`;
  const lastSpace = name.lastIndexOf(' ');
  if (end === '.') {
    const last = name.slice(lastSpace + 1);
    if (!INITIAL_OR_ABBREVIATION.test(last) && !ABBREVIATIONS.has(token(last))) return 'it ends with "."';
  }
  if (name.includes(':')) return 'it holds a colon';
  if (lastSpace < 0 || name.indexOf(' ') === lastSpace) return null; // one or two words
  const words = name.split(' ');
  if (words.length > 5 && words.filter((_, i) => !isParticle(words, i)).length > 5) {
    return 'more than five words';
  }
  // Note words are lower case and start with a-z or à: a name without such a word has none.
  if (!LOWER_WORD.test(name)) return null;
  let noteWords = 0;
  for (const word of words) {
    const bare = /[.,!?]$/u.test(word) ? word.replace(/[.,!?]+$/u, '') : word;
    if (NOTE_WORDS.has(bare)) noteWords++; // the list is lower case: a word typed "At" is not counted
  }
  return noteWords >= 2 ? 'it reads like a note' : null;
}

const LOWER_WORD = /(?:^| )[a-zà]/u;

/** The first rule the entry meets, judged before cleaning (quotes already removed), or null. */
export function notAName(text: string): NotAName | null {
  // Each rule only where its telltale character is: most entries have none of them.
  return (
    (text.includes('@') ? emailAddress(text) : null) ??
    (text.includes('.') || text.includes('/') ? webAddress(text) : null) ??
    (HAS_DIGIT.test(text) ? phoneNumber(text) : null) ??
    placeholder(text)
  );
}

const HAS_DIGIT = /\d/;
