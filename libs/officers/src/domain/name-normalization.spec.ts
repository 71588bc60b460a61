import { normalizeName, normalizePersonName } from './name-normalization';

describe('normalizeName', () => {
  it.each([
    ['John', 'john'],
    ['  John   Paul  ', 'john paul'],
    ['José', 'jose'],
    ['Müller', 'muller'],
    ['Zoë Ñúñez', 'zoe nunez'],
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['D`Angelo', 'dangelo'],
    ['Garcia-Lopez', 'garcia lopez'],
    ['Smith--Jones', 'smith jones'],
    ['St. John', 'st john'],
    ['Smith, John', 'smith john'],
    ['Straße', 'strasse'],
    ['Łukasz Søren', 'lukasz soren'],
    ['Ærøskøbing', 'aeroskobing'],
    ['ﬁnn', 'finn'],
    ['ＪＯＨＮ', 'john'],
    ['Jean\tLuc', 'jean luc'],
    ['---', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const name of ["Mary-Kate O'Neil", 'Renée Dubois', 'Van der Berg']) {
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }
  });
});

describe('normalizePersonName', () => {
  it('builds first, last and the full "first last" form without middle name', () => {
    expect(normalizePersonName('Renée', "D'Arcy-Smith")).toEqual({ first: 'renee', last: 'darcy smith', full: 'renee darcy smith' });
  });
});
