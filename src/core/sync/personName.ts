// Splits a person's full name into first and last name, for the CRMs that keep both (HubSpot,
// Salesforce). Names are ambiguous; the rules below are the ones the README states:
//  - a single word is the last name (Salesforce requires one): "Madonna" -> "" / "Madonna";
//  - Chinese, Japanese and Korean names written without spaces put the family name first: one
//    character ("王伟" -> 伟 / 王), two for known compound surnames and for four-character names
//    ("欧阳娜娜" -> 娜娜 / 欧阳); written with spaces, the first word is the family name ("김 민준");
//  - otherwise the family name is last; it starts at a lower-case particle after the first word
//    ("Ludwig van Beethoven", "José María de la Torre"), else with four words or more it is the last
//    two (Iberian double surnames: "María José García López"), else the last word;
//  - generational suffixes stay with the last name ("Martin Luther King Jr.").

export interface PersonName {
  firstName: string;
  lastName: string;
}

const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Two-character family names, Chinese (simplified and traditional) and Korean. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '歐陽',
  '司马',
  '司馬',
  '诸葛',
  '諸葛',
  '上官',
  '东方',
  '東方',
  '皇甫',
  '尉迟',
  '尉遲',
  '公孙',
  '公孫',
  '慕容',
  '长孙',
  '長孫',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '西门',
  '西門',
  '남궁',
  '황보',
  '제갈',
  '선우',
  '독고',
  '사공',
  '서문',
]);

/** Lower-case words that begin a family name in many languages. */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'binti',
  'ibn',
  'al',
  'el',
  'y',
  'zu',
  'af',
  'av',
  'st.',
]);

const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv|v|phd|md|esq\.?)$/i;

export function splitPersonName(fullName: string): PersonName {
  const name = fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) return { firstName: '', lastName: '' };
  const words = name.split(' ');

  if (EAST_ASIAN.test(name)) {
    if (words.length > 1) return { lastName: words[0]!, firstName: words.slice(1).join(' ') };
    const chars = [...name];
    if (chars.length < 2 || KANA.test(name)) return { firstName: '', lastName: name };
    const familyLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) || chars.length >= 4 ? 2 : 1;
    if (familyLength >= chars.length) return { firstName: '', lastName: name };
    return { lastName: chars.slice(0, familyLength).join(''), firstName: chars.slice(familyLength).join('') };
  }

  const suffixes: string[] = [];
  while (words.length > 1 && SUFFIXES.test(words.at(-1)!)) suffixes.unshift(words.pop()!);
  if (words.length === 1) return { firstName: '', lastName: [...words, ...suffixes].join(' ') };

  const particle = words.findIndex((word, i) => i > 0 && i < words.length - 1 && PARTICLES.has(word));
  const start = particle > 0 ? particle : words.length >= 4 ? words.length - 2 : words.length - 1;
  return {
    firstName: words.slice(0, start).join(' '),
    lastName: [...words.slice(start), ...suffixes].join(' '),
  };
}
