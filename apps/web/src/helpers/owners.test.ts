import { describe, expect, it } from 'vitest';
import type { OwnerViewT } from '../api/types';
import { ownersDisplay, pageIsMasked } from './owners';

const masked: OwnerViewT = { id: 1, name: '张*', idNumber: '110***********1234', phone: '138****0000', unmasked: false, verified: true };
const open: OwnerViewT = { id: 2, name: '李四', idNumber: '110101199001011234', phone: null, unmasked: true, verified: false };

describe('ownersDisplay', () => {
  it('shows masked values as sent and says they are masked', () => {
    const d = ownersDisplay([masked]);
    expect(d.masked).toBe(true);
    expect(d.unmasked).toBe(false);
    expect(d.lines).toEqual([{ id: 1, name: '张*', idNumber: '110***********1234', phone: '138****0000', verified: true }]);
  });

  it('shows unmasked values and a dash for a missing phone', () => {
    const d = ownersDisplay([open]);
    expect(d.masked).toBe(false);
    expect(d.unmasked).toBe(true);
    expect(d.lines[0]?.phone).toBe('—');
    expect(d.lines[0]?.name).toBe('李四');
  });

  it('counts a mix as masked, and no owners as neither', () => {
    expect(ownersDisplay([open, masked]).masked).toBe(true);
    expect(ownersDisplay([open, masked]).unmasked).toBe(false);
    const none = ownersDisplay([]);
    expect(none).toEqual({ lines: [], masked: false, unmasked: false });
  });
});

describe('pageIsMasked', () => {
  it('is true when any owner on the page is masked', () => {
    expect(pageIsMasked([{ owners: [open] }, { owners: [] }])).toBe(false);
    expect(pageIsMasked([{ owners: [open] }, { owners: [masked] }])).toBe(true);
    expect(pageIsMasked([])).toBe(false);
  });
});
