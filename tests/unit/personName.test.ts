import { describe, expect, it } from 'vitest';
import { splitPersonName } from '../../src/core/sync/personName';

const split = (name: string) => {
  const { firstName, lastName } = splitPersonName(name);
  return [firstName, lastName];
};

describe('splitting a full name into first and last name', () => {
  it('keeps hyphenated given names whole', () => {
    expect(split('Jean-Luc Picard')).toEqual(['Jean-Luc', 'Picard']);
    expect(split('  Jean-Luc   Picard ')).toEqual(['Jean-Luc', 'Picard']);
  });

  it('puts a single name in the last name (Salesforce requires one)', () => {
    expect(split('Madonna')).toEqual(['', 'Madonna']);
    expect(split("O'Brien")).toEqual(['', "O'Brien"]);
    expect(split('')).toEqual(['', '']);
  });

  it('reads four words as two given names and an Iberian double surname', () => {
    expect(split('María José García López')).toEqual(['María José', 'García López']);
    expect(split('Ana Lucía Pérez Gómez Ruiz')).toEqual(['Ana Lucía Pérez', 'Gómez Ruiz']);
  });

  it('starts the family name at a particle', () => {
    expect(split('Ludwig van Beethoven')).toEqual(['Ludwig', 'van Beethoven']);
    expect(split('José María de la Torre Fernández')).toEqual(['José María', 'de la Torre Fernández']);
    expect(split('Maria da Silva')).toEqual(['Maria', 'da Silva']);
    // Capitalised, "Le" is a Vietnamese family name, not a particle.
    expect(split('Le Van Luong')).toEqual(['Le Van', 'Luong']);
  });

  it('keeps middle names with the first name, and suffixes with the last', () => {
    expect(split('John Fitzgerald Kennedy')).toEqual(['John Fitzgerald', 'Kennedy']);
    expect(split('Martin Luther King Jr.')).toEqual(['Martin Luther', 'King Jr.']);
    expect(split('Sammy Davis Jr')).toEqual(['Sammy', 'Davis Jr']);
  });

  it('puts the family name first for Chinese, Japanese and Korean names', () => {
    expect(split('王伟')).toEqual(['伟', '王']);
    expect(split('王小明')).toEqual(['小明', '王']);
    expect(split('欧阳娜娜')).toEqual(['娜娜', '欧阳']);
    expect(split('司马光')).toEqual(['光', '司马']);
    expect(split('山田太郎')).toEqual(['太郎', '山田']);
    expect(split('김민준')).toEqual(['민준', '김']);
    expect(split('남궁민')).toEqual(['민', '남궁']);
    expect(split('山田 太郎')).toEqual(['太郎', '山田']);
    expect(split('王')).toEqual(['', '王']);
    // Kana cannot be split without a dictionary: all of it is the last name.
    expect(split('さくら')).toEqual(['', 'さくら']);
  });

  it('normalises to NFC, so a decomposed accent is kept as one letter', () => {
    expect(split('Zoe\u0308 Dupont')).toEqual(['Zoë', 'Dupont']);
  });
});
