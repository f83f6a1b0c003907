import type { JurisdictionNodeT } from '../api/types';

/** Depth-first search for a node by id. */
export function findNode(roots: readonly JurisdictionNodeT[], id: number): JurisdictionNodeT | null {
  for (const n of roots) {
    if (n.id === id) return n;
    const hit = findNode(n.children, id);
    if (hit) return hit;
  }
  return null;
}

/** The chain of nodes from a root down to the node (for breadcrumbs and expanding the tree). */
export function pathTo(roots: readonly JurisdictionNodeT[], id: number): JurisdictionNodeT[] {
  for (const n of roots) {
    if (n.id === id) return [n];
    const rest = pathTo(n.children, id);
    if (rest.length) return [n, ...rest];
  }
  return [];
}
