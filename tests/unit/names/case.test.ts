import { describe, expect, it } from 'vitest';
import { displayCase } from '@shared/names';

describe('displayCase: ALL-CAPS and all-lower names in title case, mixed case as typed', () => {
  it.each([
    ['JOHN SMITH', 'John Smith'],
    ['john smith', 'John Smith'],
    ["o'brien", "O'Brien"],
    ['O’NEILL', 'O’Neill'],
    ['jean-luc picard', 'Jean-Luc Picard'],
    ['mcdonald', 'McDonald'],
    ['MCCARTHY', 'McCarthy'],
    ['macdonald', 'Macdonald'],
    ['ludwig van beethoven', 'Ludwig van Beethoven'],
    ['MARIA DE LA CRUZ', 'Maria de la Cruz'],
    ['leonardo da vinci', 'Leonardo da Vinci'],
    ['ursula von der leyen', 'Ursula von der Leyen'],
    ['jose ortega y gasset', 'Jose Ortega y Gasset'],
    ["jean d'alembert", "Jean d'Alembert"],
    ["d'angelo russell", "D'Angelo Russell"],
    ['VAN DYKE', 'Van Dyke'], // a particle is never the first word
    ['nguyen le', 'Nguyen Le'], // "le" is a particle only after another one: Lê is a family name
    ['zhang de', 'Zhang De'], // ... and never the last word
    ['j.r.r. tolkien', 'J.R.R. Tolkien'],
    ['MÜLLER', 'Müller'],
    ['ÉLODIE DURAND', 'Élodie Durand'],
    ['ΟΔΥΣΣΕΑΣ', 'Οδυσσεας'],
    ['МАРИЯ ИВАНОВА', 'Мария Иванова'],
  ])('%s → %s', (typed, shown) => {
    expect(displayCase(typed)).toBe(shown);
  });

  it.each(['McDonald', 'DeShawn', 'Maria GARCIA', 'van Gogh', 'LaToya', '王伟', 'محمد', 'Ørsted'])(
    'keeps %s as typed',
    (typed) => {
      expect(displayCase(typed)).toBe(typed);
    },
  );
});
