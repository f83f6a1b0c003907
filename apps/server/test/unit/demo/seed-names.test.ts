import { describe, expect, it } from 'vitest';
import { courtesyName } from '../../../src/demo/seed';

describe('courtesyName (the demo owner is named after the owner it is bound to)', () => {
  it('takes the surname, compound ones whole, and the title from the 17th digit of the masked ID number', () => {
    expect(courtesyName('朱晓明', '110***********0131')).toBe('朱先生');
    expect(courtesyName('林晓梅', '110***********0122')).toBe('林女士');
    expect(courtesyName('欧阳子涵', '110***********015X')).toBe('欧阳先生');
    expect(courtesyName('司马静', '110***********008X')).toBe('司马女士');
  });
});
