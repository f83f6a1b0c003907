import type { FastifyInstance } from 'fastify';
import { JurisdictionTree, type JurisdictionNodeT } from '@gongzhi/contracts';
import { route } from '../http/route';
import type { AppDeps } from '../app';
import { visibleScope } from '../access/access';

export function jurisdictionRoutes(app: FastifyInstance, deps: AppDeps): void {
  route(app, {
    method: 'GET', url: '/api/jurisdictions/tree', summary: 'The jurisdiction tree the viewer may see, with estate counts', tags: ['registry'], reply: JurisdictionTree,
    async handler({ auth }) {
      const nodes = await deps.db.selectFrom('jurisdictions').select(['id', 'parent_id', 'level', 'name', 'path']).orderBy('path').execute();
      const estates = await deps.db
        .selectFrom('estates')
        .innerJoin('jurisdictions', 'jurisdictions.id', 'estates.neighborhood_id')
        .select(['estates.id', 'jurisdictions.path'])
        .execute();
      const scope = visibleScope(auth, 'estate.read');
      const jscope = visibleScope(auth, 'jurisdiction.read');
      const estateVisible = (e: { id: number; path: string }) => scope.all || scope.estateIds.includes(e.id) || scope.paths.some((p) => e.path.startsWith(p));
      const visibleEstates = estates.filter(estateVisible);
      // A node is shown when the viewer may read it, or when it leads to something the viewer sees.
      const shown = new Set<number>();
      for (const n of nodes) {
        const readable = jscope.all || jscope.paths.some((p) => n.path.startsWith(p));
        const leads = visibleEstates.some((e) => e.path.startsWith(n.path)) || jscope.paths.some((p) => p.startsWith(n.path));
        if (readable || leads) shown.add(n.id);
      }
      const byId = new Map<number, JurisdictionNodeT>();
      const roots: JurisdictionNodeT[] = [];
      for (const n of nodes) {
        if (!shown.has(n.id)) continue;
        const node: JurisdictionNodeT = {
          id: n.id,
          level: n.level,
          name: n.name,
          estateCount: visibleEstates.filter((e) => e.path.startsWith(n.path)).length,
          children: [],
        };
        byId.set(n.id, node);
        const parent = n.parent_id !== null ? byId.get(n.parent_id) : undefined;
        if (parent) parent.children.push(node);
        else roots.push(node);
      }
      return { roots };
    },
  });
}
