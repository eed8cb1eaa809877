// Reading header cells (English, French, German, Spanish, plus a few Italian and Portuguese words): what
// each column holds, and whether the first row is a header at all.
import { emailAddress, phoneNumber, webAddress } from './notName';
import type { ColumnRole } from './types';

/** Lower case, accents and punctuation gone, single spaces: "Prénom" and "prenom_" read alike. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const EXACT: Record<string, ColumnRole> = {};
function define(role: ColumnRole, headers: string): void {
  for (const header of headers.split('|')) EXACT[header] = role;
}
define(
  'full',
  'full name|fullname|contact|contact name|contact person|person|person name|lead|lead name|attendee|' +
    'attendee name|participant|guest|speaker|visitor|delegate|customer name|client name|display name|' +
    'name and surname|first and last name|nom complet|nom et prenom|prenom et nom|prenom nom|nom prenom|' +
    'nom prenom contact|vollstandiger name|kontakt|ansprechpartner|teilnehmer|nombre completo|' +
    'nombre y apellidos|nombre y apellido|contacto|participante|nome completo|nome e cognome',
);
define('name', 'name|names|nom|noms|nombre|nombres|nome|naam');
define(
  'first',
  'first name|firstname|first|given name|givenname|forename|fname|first names|prenom|prenoms|vorname|' +
    'vornamen|primer nombre|nombre de pila|nome proprio|primeiro nome',
);
define(
  'last',
  'last name|lastname|last|surname|family name|familyname|lname|nom de famille|nachname|familienname|' +
    'apellido|apellidos|primer apellido|cognome|sobrenome',
);
define(
  'email',
  'email|e mail|mail|email address|e mail address|courriel|adresse email|adresse e mail|correo|' +
    'correo electronico|e mail adresse|email adresse',
);
define(
  'phone',
  'phone|telephone|tel|mobile|cell|phone number|mobile phone|telefon|telefonnummer|handy|telefono|movil|portable',
);
define(
  'company',
  'company|company name|organization|organisation|org|account|account name|employer|business|entreprise|' +
    'societe|firma|unternehmen|empresa|compania|organizacion|azienda|empresa nome',
);
define(
  'title',
  'title|job title|position|role|job|poste|fonction|titre|beruf|position|cargo|puesto|jobtitel|berufsbezeichnung',
);
define(
  'other',
  'id|city|country|state|region|address|street|zip|postcode|postal code|notes|note|comment|comments|date|' +
    'created|website|web|url|linkedin|source|status|stage|owner|industry|department|ville|pays|adresse|' +
    'stadt|land|ort|strasse|ciudad|pais|direccion|notas|commentaire|kommentar|no|nr|number|#',
);

// Checked in order when no exact header matches: "Work email", "Mobile phone", "Company legal name".
const TOKEN_RULES: Array<[RegExp, ColumnRole]> = [
  [/\b(?:e ?mail|courriel|correo)\b/u, 'email'],
  [/\b(?:phone|tel|telephone|telefon|telefono|mobile|handy)\b/u, 'phone'],
  [/\b(?:company|organi[sz]ation|entreprise|societe|firma|unternehmen|empresa)\b/u, 'company'],
  [/\b(?:first|given|fore) ?names?\b|\bprenoms?\b|\bvornamen?\b/u, 'first'],
  [/\b(?:last|family|sur) ?names?\b|\bnachname\b|\bapellidos?\b/u, 'last'],
  [/\b(?:full|contact|person|lead|attendee|customer|client|participant|guest|member)\b.*\bnames?\b/u, 'full'],
  [/^(?:name|names|nom|nombre)\b/u, 'name'],
];

/** What a header cell says its column holds, or null when it is not a header word. */
export function headerRole(header: string): ColumnRole | null {
  const folded = foldHeader(header);
  if (folded === '') return null;
  const exact = EXACT[folded];
  if (exact) return exact;
  for (const [rule, role] of TOKEN_RULES) if (rule.test(folded)) return role;
  return null;
}

/** True when a cell is data no header holds: an email address, a phone number, a web address. */
export function isData(cell: string): boolean {
  const text = cell.trim();
  return emailAddress(text) !== null || phoneNumber(text) !== null || webAddress(text) !== null;
}

/** A first row is a header when one of its cells is a header word and none is an address or number. */
export function isHeaderRow(cells: readonly string[]): boolean {
  return cells.some((c) => headerRole(c) !== null) && !cells.some(isData);
}

/** True for the exact header of a name column: a one-column paste whose first line is "Name" drops it. */
export function isNameHeader(text: string): boolean {
  const role = EXACT[foldHeader(text)];
  return role === 'full' || role === 'name' || role === 'first' || role === 'last';
}
