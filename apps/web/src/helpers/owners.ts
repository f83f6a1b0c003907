import type { OwnerViewT } from '../api/types';

export interface OwnerLine {
  id: number;
  name: string;
  idNumber: string;
  phone: string;
  verified: boolean;
}

export interface OwnersDisplay {
  lines: OwnerLine[];
  /** at least one owner is shown masked (the viewer lacks registry.personal) */
  masked: boolean;
  /** every owner is shown unmasked (such reads are logged on the server) */
  unmasked: boolean;
}

const DASH = '—';

/** How the owner cells of a unit row are shown. Values pass through as the server sent them: masking is the server's job, the UI only says which it is. */
export function ownersDisplay(owners: readonly OwnerViewT[]): OwnersDisplay {
  const lines = owners.map((o) => ({
    id: o.id,
    name: o.name || DASH,
    idNumber: o.idNumber || DASH,
    phone: o.phone ?? DASH,
    verified: o.verified,
  }));
  return {
    lines,
    masked: owners.some((o) => !o.unmasked),
    unmasked: owners.length > 0 && owners.every((o) => o.unmasked),
  };
}

/** Whether a page of rows contains masked personal data (for the "已脱敏 masked" hint). */
export function pageIsMasked(rows: ReadonlyArray<{ owners: readonly OwnerViewT[] }>): boolean {
  return rows.some((r) => r.owners.some((o) => !o.unmasked));
}
