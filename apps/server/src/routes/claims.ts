import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClaimFields, ClaimList, ClaimListQuery, ClaimParams, ClaimRejectBody, ClaimView, MyUnits, NoticeList, type ClaimViewT } from '@gongzhi/contracts';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { route, zodIssues } from '../http/route';
import { formatArea, iso } from '../http/format';
import type { AppDeps } from '../app';
import { requireEstateAccess } from '../access/access';
import type { SignedIn } from '../auth/context';
import { approveClaim, claimUnit, rejectClaim, type ProofFile } from '../usecases/claim-unit';

const PROOF_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf']);

function claimQuery(db: Kysely<DB>) {
  return db
    .selectFrom('claims as c')
    .innerJoin('units as u', (j) => j.onRef('u.id', '=', 'c.unit_id').onRef('u.estate_id', '=', 'c.estate_id'))
    .innerJoin('estates as e', 'e.id', 'c.estate_id')
    .select([
      'c.id', 'c.estate_id', 'e.name as estate_name', 'c.unit_id', 'u.number as unit_number', 'c.claimant_name', 'c.id_number_masked',
      'c.document_kind', 'c.document_no', 'c.proof_file_id', 'c.status', 'c.reason', 'c.created_at', 'c.reviewed_at',
    ]);
}
type ClaimRow = Awaited<ReturnType<ReturnType<typeof claimQuery>['executeTakeFirstOrThrow']>>;

const presentClaim = (r: ClaimRow): ClaimViewT => ({
  id: r.id,
  estateId: r.estate_id,
  estateName: r.estate_name,
  unitId: r.unit_id,
  unitNumber: r.unit_number,
  claimantName: r.claimant_name,
  idNumberMasked: r.id_number_masked,
  documentKind: r.document_kind,
  documentNo: r.document_no,
  hasProof: r.proof_file_id !== null,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
  reviewedAt: iso(r.reviewed_at),
});

async function readClaimForm(req: FastifyRequest, maxBytes: number): Promise<{ fields: Record<string, string>; proof: ProofFile | null }> {
  const fields: Record<string, string> = {};
  let proof: ProofFile | null = null;
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'number') fields[k] = String(v);
    return { fields, proof };
  }
  for await (const part of req.parts({ limits: { fileSize: maxBytes } })) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      if (part.fieldname !== 'proof' || buffer.length === 0) continue;
      if (!PROOF_TYPES.has(part.mimetype)) throw new AppError('UNSUPPORTED_FILE', { field: 'proof', messageZh: '证明材料请上传 JPG/PNG 图片或 PDF', messageEn: 'Upload the proof as a JPG/PNG image or a PDF' });
      proof = { name: part.filename, contentType: part.mimetype, buffer };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  return { fields, proof };
}

export function claimRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.post('/api/claims', { schema: { summary: 'Claim a unit (multipart: ClaimFields + optional proof file)', tags: ['claims'], consumes: ['multipart/form-data', 'application/json'] } }, async (req, reply) => {
    const auth = req.auth;
    if (!auth.account) throw new AppError('UNAUTHENTICATED');
    const { fields, proof } = await readClaimForm(req, deps.config.maxUploadBytes);
    const parsed = ClaimFields.safeParse(fields);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      throw new AppError('VALIDATION_FAILED', { issues, ...(issues[0] ? { field: issues[0].field } : {}) });
    }
    const result = await claimUnit(db, deps.idKey, auth as SignedIn, parsed.data, proof);
    if (result.status === 'bound') deps.sessions.invalidate();
    const row = await claimQuery(db).where('c.estate_id', '=', result.estateId).where('c.id', '=', result.claimId).executeTakeFirstOrThrow();
    return reply.status(201).send(ClaimView.parse(presentClaim(row)));
  });

  route(app, {
    method: 'GET', url: '/api/me/claims', summary: 'My claims', tags: ['claims'], reply: ClaimList,
    async handler({ auth }) {
      const rows = await claimQuery(db).where('c.account_id', '=', auth.account!.id).orderBy('c.created_at', 'desc').execute();
      return { items: rows.map(presentClaim), total: rows.length };
    },
  });

  route(app, {
    method: 'GET', url: '/api/me/units', summary: 'The units I hold (bound through claims)', tags: ['claims'], reply: MyUnits,
    async handler({ auth }) {
      const rows = await db
        .selectFrom('owners as ow')
        .innerJoin('holders as h', (j) => j.onRef('h.id', '=', 'ow.holder_id').onRef('h.estate_id', '=', 'ow.estate_id'))
        .innerJoin('ownerships as o', (j) => j.onRef('o.holder_id', '=', 'h.id').onRef('o.estate_id', '=', 'h.estate_id').on('o.valid_to', 'is', null))
        .innerJoin('units as u', (j) => j.onRef('u.id', '=', 'o.unit_id').onRef('u.estate_id', '=', 'o.estate_id'))
        .innerJoin('buildings as b', (j) => j.onRef('b.id', '=', 'u.building_id').onRef('b.estate_id', '=', 'u.estate_id'))
        .innerJoin('estates as e', 'e.id', 'u.estate_id')
        .select(['e.id as estate_id', 'e.name as estate_name', 'u.id as unit_id', 'u.number', 'b.name as building', 'u.area_cents', 'u.kind', 'h.kind as holder_kind', 'h.id as holder_id', 'ow.is_voter'])
        .where('ow.account_id', '=', auth.account!.id)
        .orderBy('e.name')
        .orderBy('u.number')
        .execute();
      return {
        items: rows.map((r) => ({
          estateId: r.estate_id, estateName: r.estate_name, unitId: r.unit_id, unitNumber: r.number, building: r.building,
          area: formatArea(r.area_cents), kind: r.kind, holderKind: r.holder_kind, holderId: r.holder_id, isVoter: r.is_voter,
        })),
      };
    },
  });

  route(app, {
    method: 'GET', url: '/api/me/notices', summary: 'Notices of the estates where I hold a unit', tags: ['notices'], reply: NoticeList,
    async handler({ auth }) {
      const estateIds = auth.grants.filter((g) => g.estateId !== null).map((g) => g.estateId!);
      if (estateIds.length === 0) return { items: [] };
      const rows = await db
        .selectFrom('notices as n')
        .innerJoin('estates as e', 'e.id', 'n.estate_id')
        .select(['n.id', 'n.estate_id', 'e.name as estate_name', 'n.title', 'n.body', 'n.published_at'])
        .where('n.estate_id', 'in', estateIds)
        .orderBy('n.published_at', 'desc')
        .limit(100)
        .execute();
      return { items: rows.map((r) => ({ id: r.id, estateId: r.estate_id, estateName: r.estate_name, title: r.title, body: r.body, publishedAt: r.published_at.toISOString() })) };
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/claims', summary: 'Claims of an estate for review', tags: ['claims'], params: ClaimParams.pick({ estateId: true }), query: ClaimListQuery, reply: ClaimList,
    async handler({ params, query, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'claim.review');
      let q = claimQuery(db).where('c.estate_id', '=', params.estateId);
      if (query.status) q = q.where('c.status', '=', query.status);
      const all = await q.orderBy('c.created_at', 'desc').execute();
      return { items: all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map(presentClaim), total: all.length };
    },
  });

  app.get('/api/estates/:estateId/claims/:claimId/proof', { schema: { summary: 'The proof file of a claim (logged)', tags: ['claims'] } }, async (req, reply) => {
    const parsed = ClaimParams.safeParse(req.params);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', { issues: zodIssues(parsed.error) });
    const { estateId, claimId } = parsed.data;
    const auth = req.auth;
    await requireEstateAccess(db, auth, estateId, 'claim.review');
    const file = await inTransaction(db, async (trx) => {
      const f = await trx
        .selectFrom('claims as c')
        .innerJoin('files as f', (j) => j.onRef('f.id', '=', 'c.proof_file_id').onRef('f.estate_id', '=', 'c.estate_id'))
        .select(['f.name', 'f.content_type', 'f.content'])
        .where('c.estate_id', '=', estateId)
        .where('c.id', '=', claimId)
        .executeTakeFirst();
      if (f) await writeAudit(trx, { actorId: auth.account!.id, action: 'claim.proof_view', entity: 'claim', entityId: claimId, estateId, ip: auth.ip, requestId: auth.requestId });
      return f;
    });
    if (!file) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.content));
  });

  const reviewed = async (estateId: number, claimId: number) =>
    presentClaim(await claimQuery(db).where('c.estate_id', '=', estateId).where('c.id', '=', claimId).executeTakeFirstOrThrow());

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/claims/:claimId/approve', summary: 'Approve a pending claim', tags: ['claims'], params: ClaimParams, reply: ClaimView,
    async handler({ params, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'claim.review');
      await approveClaim(db, auth as SignedIn, params.estateId, params.claimId);
      deps.sessions.invalidate();
      return reviewed(params.estateId, params.claimId);
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/claims/:claimId/reject', summary: 'Reject a pending claim with a reason', tags: ['claims'], params: ClaimParams, body: ClaimRejectBody, reply: ClaimView,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'claim.review');
      await rejectClaim(db, auth as SignedIn, params.estateId, params.claimId, body.reason);
      return reviewed(params.estateId, params.claimId);
    },
  });
}
