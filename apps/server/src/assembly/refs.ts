/**
 * Identifiers as they appear in a ballot bundle (shared/spec/ballot-bundle.md): the estate id,
 * "m<id>" for motions, "c<id>" for candidates, "h<id>" for holders, and the unit number
 * (房号, unique in the estate) for units — the same number the published roll shows.
 */
export const motionRef = (id: number): string => `m${id}`;
export const candidateRef = (id: number): string => `c${id}`;
export const holderRef = (id: number): string => `h${id}`;

function parseRef(prefix: string, ref: string): number | null {
  if (!ref.startsWith(prefix)) return null;
  const rest = ref.slice(prefix.length);
  if (!/^[1-9]\d{0,15}$/.test(rest)) return null;
  const n = Number(rest);
  return Number.isSafeInteger(n) ? n : null;
}
export const parseMotionRef = (ref: string): number | null => parseRef('m', ref);
export const parseCandidateRef = (ref: string): number | null => parseRef('c', ref);
