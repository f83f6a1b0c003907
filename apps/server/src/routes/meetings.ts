import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AnswerInput,
  AttendanceBody,
  AttendanceCode,
  AttendanceSummary,
  BallotForm,
  BallotList,
  BallotListQuery,
  CancelBody,
  CastBody,
  CastReply,
  EstateParams,
  FlagList,
  MeetingCreateBody,
  MeetingDetail,
  MeetingList,
  MeetingParams,
  MeetingResult,
  MeetingUpdateBody,
  MyMeetingList,
  NotificationList,
  ObjectionCreateBody,
  ObjectionList,
  ObjectionResolveBody,
  ObjectionView,
  PaperConfirmBody,
  PaperConfirmReply,
  PaperDiscardBody,
  PaperEntryFields,
  PaperEntryList,
  PaperEntryView,
  PaperLookup,
  PaperLookupQuery,
  PreDeliberationBody,
  PrintJob,
  ProxyFields,
  ProxyList,
  ProxyView,
  PublicEstatePage,
  ReceiptCheck,
  ReceiptParams,
  ReminderReply,
  RollList,
  RollQuery,
  Turnout,
  type Permission,
} from '@gongzhi/contracts';
import { canonicalize, chainHash, type JsonObject } from '@gongzhi/core';
import { inTransaction, sql, writeAudit } from '@gongzhi/db';
import { createHash, createHmac } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppDeps } from '../app';
import { loadEstateScope, permissionsOn, requireEstateAccess } from '../access/access';
import type { AuthContext } from '../auth/context';
import { SESSION_COOKIE, sha256 } from '../auth/sessions';
import { AppError } from '../errors';
import { formatArea, iso } from '../http/format';
import { route, zodIssues } from '../http/route';
import * as lifecycle from '../assembly/lifecycle';
import { type MeetingRecord, loadMeeting } from '../assembly/meeting';
import { detailView, summaryView } from '../assembly/present';
import { meetingRoll } from '../assembly/roll';
import { computeTurnout } from '../assembly/turnout';
import { deviceRef, normalizeAnswers } from '../assembly/ballots';
import { voterHolderViews, voterRights } from '../assembly/voters';
import { buildBundle, bundleBallot } from '../assembly/chain';
import { confirmPaper, discardPaper, enterPaper, listPaperEntries, lookupPaper, type UploadedFile } from '../assembly/paper';
import { listProxies, registerProxy, revokeProxy, suspiciousPatterns } from '../assembly/proxies';
import { notifyRoll } from '../assembly/notifications';
import { meetingNoticeDoc, paperBallotsDoc, resultNoticeDoc } from '../assembly/documents';
import { renderMeetingNoticePdf, renderPaperBallotsPdf, renderResultNoticePdf } from '../documents';
import { renderPaperBallotsIsolated } from '../documents/isolated';
import { candidateRef, motionRef } from '../assembly/refs';
import { ensurePaperCodes } from '../assembly/paper-codes';
import { fmt } from '../assembly/lifecycle';
import { meetingClocks } from '../assembly/clocks';
import { profileById } from '../assembly/profile';
import { randomHex } from '../random';

const UPLOAD_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf']);
const DEVICE_COOKIE = 'gz_dev';

const EntryParams = MeetingParams.extend({ entryId: z.coerce.number().int().positive() });
const ProxyParams = MeetingParams.extend({ proxyId: z.coerce.number().int().positive() });
const ObjectionParams = MeetingParams.extend({ objectionId: z.coerce.number().int().positive() });
const JobParams = MeetingParams.extend({ jobId: z.string().uuid() });
const StageParams = MeetingParams.extend({ stage: z.enum(['preliminary', 'final']) });
const HolderPdfParams = MeetingParams.extend({ holderId: z.coerce.number().int().positive() });
const FileParams = MeetingParams.extend({ fileId: z.coerce.number().int().positive() });

const actorOf = (auth: AuthContext) => ({ accountId: auth.account?.id ?? null, ip: auth.ip, requestId: auth.requestId });
const clerkOf = (auth: AuthContext) => ({ accountId: auth.account!.id, ip: auth.ip, requestId: auth.requestId });

/** Multipart form: text fields and at most one file, of an allowed type. */
async function readForm(req: FastifyRequest, maxBytes: number, fileField: string): Promise<{ fields: Record<string, string>; file: UploadedFile | null }> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { messageZh: '请以 multipart/form-data 提交', messageEn: 'Send multipart/form-data' });
  for await (const part of req.parts({ limits: { fileSize: maxBytes } })) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname !== fileField || content.length === 0) continue;
      if (!UPLOAD_TYPES.has(part.mimetype)) throw new AppError('UNSUPPORTED_FILE', { field: fileField, messageZh: '请上传 JPG/PNG 图片或 PDF', messageEn: 'Upload a JPG/PNG image or a PDF' });
      file = { name: part.filename, contentType: part.mimetype, content };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  return { fields, file };
}

function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  const r = schema.safeParse(fields);
  if (!r.success) {
    const issues = zodIssues(r.error);
    throw new AppError('VALIDATION_FAILED', { issues, ...(issues[0] ? { field: issues[0].field } : {}) });
  }
  return r.data;
}

function sendPdf(reply: FastifyReply, name: string, pdf: Buffer, disposition: 'inline' | 'attachment' = 'inline') {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

export function meetingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const assembly = deps.assembly;
  const now = () => assembly.clock.now();
  const publicUrl = deps.config.publicUrl;

  /** Permissions of the viewer on the estate (null if none), and whether they are a proxy in the meeting. */
  async function access(auth: AuthContext, estateId: number): Promise<Set<Permission>> {
    if (!auth.account) throw new AppError('UNAUTHENTICATED');
    const scope = await loadEstateScope(db, estateId);
    if (!scope) throw new AppError('ESTATE_NOT_FOUND');
    return permissionsOn(auth, { estateId, path: scope.path });
  }
  async function isProxyIn(auth: AuthContext, m: MeetingRecord): Promise<boolean> {
    if (!auth.account?.phone) return false;
    const r = await db.selectFrom('proxies').select('id').where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('proxy_phone', '=', auth.account.phone).where('status', '=', 'active').executeTakeFirst();
    return !!r;
  }
  /** Loads a meeting the viewer may see: drafts only for managers and supervisors; proxies see their meeting. */
  async function visibleMeeting(auth: AuthContext, estateId: number, meetingId: number, need?: Permission): Promise<{ m: MeetingRecord; perms: Set<Permission> }> {
    const perms = await access(auth, estateId);
    const m = await loadMeeting(db, estateId, meetingId);
    if (need) {
      if (!perms.has(need)) throw new AppError('FORBIDDEN');
    } else if (!perms.has('meeting.read') && !(await isProxyIn(auth, m))) {
      throw new AppError('FORBIDDEN');
    }
    if (m.state === 'draft' && !perms.has('meeting.manage') && !perms.has('meeting.supervise') && !perms.has('meeting.predeliberate')) throw new AppError('MEETING_NOT_FOUND');
    return { m, perms };
  }
  const detail = async (auth: AuthContext, estateId: number, meetingId: number) => {
    const { m, perms } = await visibleMeeting(auth, estateId, meetingId);
    return detailView(db, m, perms, now());
  };

  // ---------------------------------------------------------------- meetings

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings', summary: 'Assembly meetings of an estate', tags: ['meetings'], params: EstateParams, reply: MeetingList,
    async handler({ params, auth }) {
      const perms = await requireEstateAccess(db, auth, params.estateId, 'meeting.read');
      const seeDrafts = perms.has('meeting.manage') || perms.has('meeting.supervise') || perms.has('meeting.predeliberate');
      const estate = await db.selectFrom('estates').select('name').where('id', '=', params.estateId).executeTakeFirstOrThrow();
      let q = db
        .selectFrom('meetings as m')
        .selectAll('m')
        .select((eb) => eb.selectFrom('motions as x').select(eb.fn.countAll<number>().as('n')).whereRef('x.estate_id', '=', 'm.estate_id').whereRef('x.meeting_id', '=', 'm.id').as('motion_count'))
        .where('m.estate_id', '=', params.estateId);
      if (!seeDrafts) q = q.where('m.state', '<>', 'draft');
      const rows = await q.orderBy('m.created_at', 'desc').limit(200).execute();
      return { items: rows.map((r) => summaryView({ ...r, state: r.state, motionCount: Number(r.motion_count ?? 0) } as never, estate.name)) };
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings', summary: 'Convene a meeting (draft)', tags: ['meetings'], params: EstateParams, body: MeetingCreateBody, reply: MeetingDetail, status: 201,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'meeting.manage');
      const id = await lifecycle.saveDraft(db, params.estateId, null, body, actorOf(auth), now());
      return detail(auth, params.estateId, id);
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId', summary: 'A meeting with its readiness and clocks', tags: ['meetings'], params: MeetingParams, reply: MeetingDetail,
    async handler({ params, auth }) {
      return detail(auth, params.estateId, params.meetingId);
    },
  });

  route(app, {
    method: 'PUT', url: '/api/estates/:estateId/meetings/:meetingId', summary: 'Replace a draft', tags: ['meetings'], params: MeetingParams, body: MeetingUpdateBody, reply: MeetingDetail,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'meeting.manage');
      await lifecycle.saveDraft(db, params.estateId, params.meetingId, body, actorOf(auth), now());
      return detail(auth, params.estateId, params.meetingId);
    },
  });

  const transition = (name: string, summary: string, run: (estateId: number, meetingId: number, auth: AuthContext) => Promise<void>, permission: Permission = 'meeting.manage') =>
    route(app, {
      method: 'POST', url: `/api/estates/:estateId/meetings/:meetingId/${name}`, summary, tags: ['meetings'], params: MeetingParams, reply: MeetingDetail,
      async handler({ params, auth }) {
        await requireEstateAccess(db, auth, params.estateId, permission);
        await run(params.estateId, params.meetingId, auth);
        return detail(auth, params.estateId, params.meetingId);
      },
    });
  transition('publish', 'Publish the notice (draft → notice)', (e, m, a) => lifecycle.publish(db, e, m, actorOf(a), now()));
  transition('open', 'Open voting (notice → voting; the roll is frozen)', (e, m, a) => lifecycle.open(db, e, m, actorOf(a), now()));
  transition('close', 'Close voting (voting → closed; chain sealed, preliminary result)', (e, m, a) => lifecycle.close(db, e, m, actorOf(a), now()));
  transition('finalize', 'Final result notice (closed → final)', (e, m, a) => lifecycle.finalize(db, e, m, actorOf(a), now()));
  transition('archive', 'Archive (final → archived)', (e, m, a) => lifecycle.archive(db, e, m, actorOf(a), now()));

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/cancel', summary: 'Cancel a draft or a meeting in its notice period', tags: ['meetings'], params: MeetingParams, body: CancelBody, reply: MeetingDetail,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'meeting.manage');
      await lifecycle.cancel(db, params.estateId, params.meetingId, body.reason, actorOf(auth), now());
      return detail(auth, params.estateId, params.meetingId);
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/pre-deliberation', summary: "Record the party branch's pre-deliberation", tags: ['meetings'], params: MeetingParams, body: PreDeliberationBody, reply: MeetingDetail,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'meeting.predeliberate');
      await lifecycle.recordPreDeliberation(db, params.estateId, params.meetingId, body.note, actorOf(auth), now());
      return detail(auth, params.estateId, params.meetingId);
    },
  });

  app.post('/api/estates/:estateId/meetings/:meetingId/attachments', { schema: { summary: 'Attach a document (multipart `file`)', tags: ['meetings'], consumes: ['multipart/form-data'] } }, async (req) => {
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    await requireEstateAccess(db, req.auth, params.estateId, 'meeting.manage');
    const m = await loadMeeting(db, params.estateId, params.meetingId);
    if (m.state !== 'draft') throw new AppError('MEETING_STATE', { messageZh: '公告发布后不能再更改附件', messageEn: 'Attachments cannot change after the notice' });
    const { file } = await readForm(req, deps.config.maxUploadBytes, 'file');
    if (!file) throw new AppError('VALIDATION_FAILED', { field: 'file', messageZh: '请选择文件', messageEn: 'Choose a file' });
    await inTransaction(db, async (trx) => {
      const f = await trx
        .insertInto('files')
        .values({ estate_id: m.estate_id, name: file.name, content_type: file.contentType, size: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), content: file.content, uploaded_by: req.auth.account!.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('meeting_attachments').values({ estate_id: m.estate_id, meeting_id: m.id, file_id: f.id }).execute();
      await writeAudit(trx, { actorId: req.auth.account!.id, action: 'meeting.attach', entity: 'meeting', entityId: m.id, estateId: m.estate_id, after: { file: file.name }, ip: req.auth.ip, requestId: req.auth.requestId });
    });
    return MeetingDetail.parse(await detail(req.auth, params.estateId, params.meetingId));
  });

  app.get('/api/estates/:estateId/meetings/:meetingId/attachments/:fileId', { schema: { summary: 'An attachment', tags: ['meetings'] } }, async (req, reply) => {
    const params = parseFields(FileParams, req.params as Record<string, string>);
    await visibleMeeting(req.auth, params.estateId, params.meetingId);
    const f = await db
      .selectFrom('meeting_attachments as a')
      .innerJoin('files as f', (j) => j.onRef('f.estate_id', '=', 'a.estate_id').onRef('f.id', '=', 'a.file_id'))
      .select(['f.name', 'f.content_type', 'f.content'])
      .where('a.estate_id', '=', params.estateId)
      .where('a.meeting_id', '=', params.meetingId)
      .where('a.file_id', '=', params.fileId)
      .executeTakeFirst();
    if (!f) throw new AppError('NOT_FOUND');
    return reply.header('content-type', f.content_type).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).send(Buffer.from(f.content));
  });

  // ---------------------------------------------------------------- roll and objections

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/roll', summary: 'The published roll: unit and area only', tags: ['meetings'], params: MeetingParams, query: RollQuery, reply: RollList,
    async handler({ params, query, auth }) {
      const { m, perms } = await visibleMeeting(auth, params.estateId, params.meetingId);
      const staff = perms.has('ballot.clerk') || perms.has('meeting.manage');
      const all = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now());
      const rows = query.buildingId ? all.filter((r) => r.buildingId === query.buildingId) : all;
      const start = (query.page - 1) * query.pageSize;
      const refs = new Map<number, string>();
      for (const r of all) if (!refs.has(r.holderId)) refs.set(r.holderId, `H${String(refs.size + 1).padStart(4, '0')}`);
      return {
        items: rows.slice(start, start + query.pageSize).map((r) => ({ unitId: r.unitId, unitNumber: r.unitNumber, building: r.buildingName, area: formatArea(r.areaCents), holderRef: refs.get(r.holderId) as string, ...(staff ? { holderId: r.holderId } : {}) })),
        total: rows.length,
        page: query.page,
        pageSize: query.pageSize,
        summary: { units: all.length, holders: refs.size, totalArea: formatArea(all.reduce((s, r) => s + r.areaCents, 0)) },
        frozen: m.roll_frozen_at !== null,
      };
    },
  });

  const objectionView = (o: { id: number; kind: 'roll' | 'result'; unit_number: string | null; text: string; status: 'open' | 'accepted' | 'rejected'; response: string | null; created_at: Date; resolved_at: Date | null; account_id: number }, me: number) => ({
    id: o.id, kind: o.kind, unitNumber: o.unit_number, text: o.text, status: o.status, response: o.response, createdAt: o.created_at.toISOString(), resolvedAt: iso(o.resolved_at), mine: o.account_id === me,
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/objections', summary: 'Objections to the roll and the result', tags: ['meetings'], params: MeetingParams, reply: ObjectionList,
    async handler({ params, auth }) {
      const { m, perms } = await visibleMeeting(auth, params.estateId, params.meetingId);
      let q = db.selectFrom('objections').selectAll().where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id);
      if (!perms.has('meeting.manage') && !perms.has('meeting.supervise')) q = q.where('account_id', '=', auth.account!.id);
      const rows = await q.orderBy('id', 'desc').execute();
      return { items: rows.map((o) => objectionView(o, auth.account!.id)) };
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/objections', summary: 'Object to the roll (notice period) or the preliminary result (objection period)', tags: ['meetings'], params: MeetingParams, body: ObjectionCreateBody, reply: ObjectionView, status: 201,
    async handler({ params, body, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId);
      const t = now();
      const clocks = meetingClocks(m, profileById(m.profile_id), t);
      const open = body.kind === 'roll' ? m.state === 'notice' : m.state === 'closed' && (!clocks.objectionsUntil || t < clocks.objectionsUntil);
      if (!open) throw new AppError('OBJECTION_CLOSED');
      const row = await inTransaction(db, async (trx) => {
        const o = await trx.insertInto('objections').values({ estate_id: m.estate_id, meeting_id: m.id, kind: body.kind, unit_number: body.unitNumber ?? null, text: body.text, account_id: auth.account!.id, created_at: t }).returningAll().executeTakeFirstOrThrow();
        await writeAudit(trx, { actorId: auth.account!.id, action: 'objection.create', entity: 'objection', entityId: o.id, estateId: m.estate_id, after: { kind: body.kind }, ip: auth.ip, requestId: auth.requestId });
        return o;
      });
      return objectionView(row, auth.account!.id);
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/objections/:objectionId/resolve', summary: 'Answer an objection', tags: ['meetings'], params: ObjectionParams, body: ObjectionResolveBody, reply: ObjectionView,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'meeting.manage');
      const row = await inTransaction(db, async (trx) => {
        const o = await trx.selectFrom('objections').selectAll().where('estate_id', '=', params.estateId).where('meeting_id', '=', params.meetingId).where('id', '=', params.objectionId).forUpdate().executeTakeFirst();
        if (!o) throw new AppError('OBJECTION_NOT_FOUND');
        if (o.status !== 'open') throw new AppError('CONFLICT', { messageZh: '该异议已答复', messageEn: 'This objection has been answered' });
        const r = await trx
          .updateTable('objections')
          .set({ status: body.accepted ? 'accepted' : 'rejected', response: body.response, resolved_by: auth.account!.id, resolved_at: now() })
          .where('estate_id', '=', params.estateId)
          .where('id', '=', params.objectionId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, { actorId: auth.account!.id, action: 'objection.resolve', entity: 'objection', entityId: o.id, estateId: params.estateId, after: { accepted: body.accepted, response: body.response }, ip: auth.ip, requestId: auth.requestId });
        return r;
      });
      return objectionView(row, auth.account!.id);
    },
  });

  // ---------------------------------------------------------------- voting

  route(app, {
    method: 'GET', url: '/api/me/meetings', summary: 'Meetings where I vote (as owner or proxy)', tags: ['meetings'], reply: MyMeetingList,
    async handler({ auth }) {
      if (!auth.account) throw new AppError('UNAUTHENTICATED');
      const account = { id: auth.account.id, phone: auth.account.phone };
      const ownerEstates = (await db.selectFrom('owners').select('estate_id').distinct().where('account_id', '=', account.id).execute()).map((r) => r.estate_id);
      const proxyMeetings = account.phone ? await db.selectFrom('proxies').select(['estate_id', 'meeting_id']).where('proxy_phone', '=', account.phone).where('status', '=', 'active').execute() : [];
      const rows = await db
        .selectFrom('meetings as m')
        .innerJoin('estates as e', 'e.id', 'm.estate_id')
        .selectAll('m')
        .select('e.name as estate_name')
        .where('m.state', 'in', ['notice', 'voting', 'closed', 'final'])
        .where((eb) =>
          eb.or([
            ownerEstates.length ? eb('m.estate_id', 'in', ownerEstates) : eb.val(false),
            ...proxyMeetings.map((p) => eb.and([eb('m.estate_id', '=', p.estate_id), eb('m.id', '=', p.meeting_id)])),
          ]),
        )
        .orderBy('m.opens_at', 'desc')
        .limit(50)
        .execute();
      const items = [];
      for (const r of rows) {
        const m = await loadMeeting(db, r.estate_id, r.id);
        const holders = await voterHolderViews(db, m, await voterRights(db, m, account, now()), now());
        if (holders.length === 0) continue;
        items.push({ ...summaryView(m, r.estate_name), holders });
      }
      return { items };
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/ballot-form', summary: 'What I may vote in this meeting', tags: ['meetings'], params: MeetingParams, reply: BallotForm,
    async handler({ params, auth }) {
      const { m, perms } = await visibleMeeting(auth, params.estateId, params.meetingId);
      const t = now();
      const holders = await voterHolderViews(db, m, await voterRights(db, m, { id: auth.account!.id, phone: auth.account!.phone }, t), t);
      return { meeting: await detailView(db, m, perms, t), holders };
    },
  });

  // The session of this route is checked by the cast statement itself (config.sessionInCast,
  // app.ts): the token, the CSRF token, the voter's right, the scopes and the ballots in ONE
  // statement per batch of requests (cast_online_batch), one wait instead of three.
  app.post('/api/estates/:estateId/meetings/:meetingId/ballots', { config: { sessionInCast: true }, schema: { summary: 'Cast a ballot (online, or as a proxy): CastBody → CastReply', tags: ['meetings'] } }, async (req, reply) => {
    const auth = req.auth;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const csrf = req.headers['x-csrf-token'];
    if (typeof csrf !== 'string' || !csrf) throw new AppError('CSRF_FAILED');
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    const body = parseFields(CastBody, req.body as Record<string, string>);
    const m = await assembly.meetingForCast(params.estateId, params.meetingId);
    if (m.state !== 'voting') throw new AppError('VOTING_CLOSED');
    // online and proxy ballots are checked alike (only paper differs); the scope by the statement
    const answers = normalizeAnswers(m, body.answers, 'checked-by-cast', 'online');
    let device = (req.cookies as Record<string, string | undefined>)[DEVICE_COOKIE];
    if (!device) {
      device = randomHex(16);
      void reply.setCookie(DEVICE_COOKIE, device, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, maxAge: 5 * 365 * 86400 });
    }
    const t = now();
    // ballots + audit record, committed with those of concurrent requests; a refused second
    // ballot is logged in the same transaction
    const result = await assembly.onlineCasts.submit({ meeting: m, tokenHash: sha256(token), csrfHash: sha256(csrf), holderId: body.holderId, answers, castAt: t, device: deviceRef(device), ip: auth.ip, requestId: auth.requestId });
    assembly.sealer.schedule(m.estate_id, m.id);
    return reply.status(201).send(CastReply.parse({ receipts: result.receipts }));
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/receipts/:receipt', summary: 'Verify my ballot: its place in the hash chain', tags: ['meetings'], params: ReceiptParams, reply: ReceiptCheck,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId);
      const b = await db
        .selectFrom('ballots as b')
        .leftJoin('ballot_chain as c', (j) => j.onRef('c.estate_id', '=', 'b.estate_id').onRef('c.ballot_id', '=', 'b.id'))
        .select(['b.id', 'b.motion_id', 'b.holder_id', 'b.channel', 'b.cast_at', 'b.choice', 'b.approve', 'c.seq', 'c.hash', 'c.prev_hash'])
        .where('b.estate_id', '=', m.estate_id)
        .where('b.meeting_id', '=', m.id)
        .where('b.receipt', '=', params.receipt)
        .executeTakeFirst();
      if (!b) throw new AppError('RECEIPT_NOT_FOUND');
      const chain = await db.selectFrom('meeting_chains').select(['head', 'sealed_count']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).executeTakeFirst();
      const content = b.seq !== null ? canonicalize(bundleBallot(b, b.seq) as JsonObject) : null;
      const verified = b.seq !== null && b.prev_hash !== null && chainHash(b.prev_hash, bundleBallot(b, b.seq)) === b.hash;
      const motion = m.motions.find((mo) => mo.id === b.motion_id)!;
      return {
        found: true as const,
        motionId: motionRef(b.motion_id),
        motionNumber: motion.position,
        motionTitle: motion.title,
        channel: b.channel,
        castAt: b.cast_at.toISOString(),
        seq: b.seq,
        hash: b.hash,
        prevHash: b.prev_hash,
        content,
        hashVerified: verified,
        chainHead: m.chain_head ?? chain?.head ?? null,
        sealedCount: chain?.sealed_count ?? 0,
        meetingState: m.state,
      };
    },
  });

  // ---------------------------------------------------------------- supervision

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/turnout', summary: 'Live turnout per motion and building', tags: ['meetings'], params: MeetingParams, reply: Turnout,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'meeting.supervise');
      return computeTurnout(db, m, now());
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/flags', summary: 'Suspicious patterns (proxies, phones, devices)', tags: ['meetings'], params: MeetingParams, reply: FlagList,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'meeting.supervise');
      return { items: await suspiciousPatterns(db, m, now()) };
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/reminders', summary: 'Remind holders who have not voted', tags: ['meetings'], params: MeetingParams, reply: ReminderReply,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'meeting.manage');
      if (m.state !== 'voting') throw new AppError('VOTING_CLOSED');
      const t = now();
      const holders = await db
        .selectFrom('meeting_roll as r')
        .select((eb) => eb.fn.count<number>('r.holder_id').distinct().as('n'))
        .where('r.estate_id', '=', m.estate_id)
        .where('r.meeting_id', '=', m.id)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ballots as b').select('b.id').whereRef('b.estate_id', '=', 'r.estate_id').whereRef('b.meeting_id', '=', 'r.meeting_id').whereRef('b.holder_id', '=', 'r.holder_id'))))
        .executeTakeFirstOrThrow();
      const notified = await inTransaction(db, async (trx) => {
        const n = await notifyRoll(trx, m.estate_id, m.id, true, t, 'meeting.reminder', `请参加表决：${m.title}`, `投票将于 ${fmt(m.closes_at)} 截止，您尚未投票。可在手机上投票，或领取纸质表决票。`, true);
        await writeAudit(trx, { actorId: auth.account!.id, action: 'meeting.remind', entity: 'meeting', entityId: m.id, estateId: m.estate_id, after: { notified: n }, ip: auth.ip, requestId: auth.requestId });
        return n;
      });
      // after commit: the same text through the delivery channel (the SMS gateway's webhook), to the
      // phones of the owners behind holders that have not voted, a few at a time
      const phones = await db
        .selectFrom('owners as o')
        .innerJoin('meeting_roll as r', (j) => j.onRef('r.estate_id', '=', 'o.estate_id').onRef('r.holder_id', '=', 'o.holder_id'))
        .select('o.phone')
        .distinct()
        .where('r.estate_id', '=', m.estate_id)
        .where('r.meeting_id', '=', m.id)
        .where('o.phone', 'is not', null)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ballots as b').select('b.id').whereRef('b.estate_id', '=', 'r.estate_id').whereRef('b.meeting_id', '=', 'r.meeting_id').whereRef('b.holder_id', '=', 'r.holder_id'))))
        .execute();
      let delivered = 0;
      const queue = phones.map((x) => x.phone as string);
      const workers = Array.from({ length: Math.min(8, queue.length) }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          if (await deps.otpChannel.message(next, `请参加表决：${m.title}`, `投票将于 ${fmt(m.closes_at)} 截止，您尚未投票。`)) delivered += 1;
        }
      });
      await Promise.all(workers);
      return { holders: Number(holders.n), notified, delivered };
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/result', summary: 'The stored result (gongzhi.recount/1)', tags: ['meetings'], params: MeetingParams, reply: MeetingResult,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId);
      const rows = await db.selectFrom('meeting_results').selectAll().where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).execute();
      const r = rows.find((x) => x.stage === 'final') ?? rows.find((x) => x.stage === 'preliminary');
      if (!r) throw new AppError('RESULT_NOT_READY');
      return {
        stage: r.stage,
        computedAt: r.computed_at.toISOString(),
        chainHead: r.chain_head,
        ballotCount: r.ballot_count,
        channels: (typeof r.channels === 'string' ? JSON.parse(r.channels) : r.channels) as { online: number; paper: number; proxy: number },
        recount: JSON.parse(r.recount_json) as Record<string, unknown>,
      };
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/ballots', summary: 'The masked ballot list (every view is logged)', tags: ['meetings'], params: MeetingParams, query: BallotListQuery, reply: BallotList,
    async handler({ params, query, auth }) {
      const { m, perms } = await visibleMeeting(auth, params.estateId, params.meetingId);
      if (!['closed', 'final', 'archived'].includes(m.state) && !perms.has('meeting.supervise')) {
        throw new AppError('MEETING_STATE', { messageZh: '投票结束后方可查阅选票', messageEn: 'Ballots can be inspected after voting closes' });
      }
      const motionId = query.motionId ? Number(query.motionId.replace(/^m/, '')) : null;
      const base = db.selectFrom('ballots as b').where('b.estate_id', '=', m.estate_id).where('b.meeting_id', '=', m.id).$if(motionId !== null, (q) => q.where('b.motion_id', '=', motionId as number));
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .leftJoin('ballot_chain as c', (j) => j.onRef('c.estate_id', '=', 'b.estate_id').onRef('c.ballot_id', '=', 'b.id'))
        .select(['c.seq', 'b.motion_id', 'b.holder_id', 'b.channel', 'b.cast_at', 'b.choice', 'b.approve', 'c.hash'])
        .orderBy(sql`c.seq nulls last`)
        .orderBy('b.id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now(), [...new Set(rows.map((b) => b.holder_id))]);
      await inTransaction(db, (trx) => writeAudit(trx, { actorId: auth.account!.id, action: 'ballots.view', entity: 'meeting', entityId: m.id, estateId: m.estate_id, after: { page: query.page, motionId: query.motionId ?? null }, ip: auth.ip, requestId: auth.requestId }));
      const motions = new Map(m.motions.map((mo) => [mo.id, mo]));
      return {
        items: rows.map((b) => {
          const motion = motions.get(b.motion_id)!;
          // the weight this ballot carries: on a motion limited to some buildings only the units there
          const scope = motion.scopeBuildingIds ? new Set(motion.scopeBuildingIds) : null;
          const units = roll.filter((u) => u.holderId === b.holder_id && (!scope || scope.has(u.buildingId)));
          const approve = b.approve === null ? null : ((typeof b.approve === 'string' ? JSON.parse(b.approve) : b.approve) as string[]);
          return {
            seq: b.seq,
            motionId: motionRef(b.motion_id),
            motionNumber: motion.position,
            motionTitle: motion.title,
            units: units.map((u) => u.unitNumber),
            area: formatArea(units.reduce((s, u) => s + u.areaCents, 0)),
            channel: b.channel,
            castAt: b.cast_at.toISOString(),
            choice: b.choice,
            approve,
            approvedCandidates: approve === null ? null : approve.map((ref) => motion.candidates.find((c) => candidateRef(c.id) === ref)?.name ?? ref),
            hash: b.hash,
          };
        }),
        total: Number(total.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  app.get('/api/estates/:estateId/meetings/:meetingId/bundle', { schema: { summary: 'The ballot bundle (gongzhi.ballot-bundle/1)', tags: ['meetings'] } }, async (req, reply) => {
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId);
    if (!['closed', 'final', 'archived'].includes(m.state)) throw new AppError('RESULT_NOT_READY');
    const bundle = await buildBundle(db, m);
    await inTransaction(db, (trx) => writeAudit(trx, { actorId: req.auth.account!.id, action: 'bundle.export', entity: 'meeting', entityId: m.id, estateId: m.estate_id, ip: req.auth.ip, requestId: req.auth.requestId }));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="meeting-${m.id}-bundle.json"`)
      .send(JSON.stringify(bundle));
  });

  // ---------------------------------------------------------------- documents (PDF)

  app.get('/api/estates/:estateId/meetings/:meetingId/documents/notice.pdf', { schema: { summary: 'The meeting notice (PDF)', tags: ['meetings'] } }, async (req, reply) => {
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId);
    return sendPdf(reply, `会议通知-${m.id}.pdf`, await renderMeetingNoticePdf(await meetingNoticeDoc(db, m, publicUrl, now())));
  });

  const resultPdf = async (m: MeetingRecord, stage: 'preliminary' | 'final') => {
    const c = meetingClocks(m, profileById(m.profile_id), now());
    const until = stage === 'preliminary' ? c.objectionsUntil : c.postedUntil;
    const untilDay = until ? new Date(until.getTime() + 8 * 3_600_000 - 1).toISOString().slice(0, 10) : '—';
    const doc = await resultNoticeDoc(db, m, stage, untilDay);
    if (!doc) throw new AppError('RESULT_NOT_READY');
    return renderResultNoticePdf(doc);
  };
  app.get('/api/estates/:estateId/meetings/:meetingId/documents/result-:stage.pdf', { schema: { summary: 'The preliminary or final result notice (PDF)', tags: ['meetings'] } }, async (req, reply) => {
    const params = parseFields(StageParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId);
    return sendPdf(reply, `表决结果-${params.stage}-${m.id}.pdf`, await resultPdf(m, params.stage));
  });

  // ---------------------------------------------------------------- paper ballots

  app.get('/api/estates/:estateId/meetings/:meetingId/paper/ballots/:holderId.pdf', { schema: { summary: "One holder's paper ballot (PDF)", tags: ['paper'] } }, async (req, reply) => {
    const params = parseFields(HolderPdfParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId, 'ballot.clerk');
    if (!['notice', 'voting'].includes(m.state)) throw new AppError('MEETING_STATE');
    await inTransaction(db, (trx) => ensurePaperCodes(trx, m.estate_id, m.id, [params.holderId]));
    const doc = await paperBallotsDoc(db, m, [params.holderId], now());
    if (doc.ballots.length === 0) throw new AppError('NOT_A_VOTER');
    return sendPdf(reply, `表决票-${m.id}-${params.holderId}.pdf`, await renderPaperBallotsPdf(doc));
  });

  app.post('/api/estates/:estateId/meetings/:meetingId/paper/print', { schema: { summary: 'Print every paper ballot (job)', tags: ['paper'] } }, async (req, reply) => {
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId, 'ballot.clerk');
    if (!['notice', 'voting'].includes(m.state)) throw new AppError('MEETING_STATE');
    const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now());
    await inTransaction(db, (trx) => ensurePaperCodes(trx, m.estate_id, m.id, roll.map((r) => r.holderId)));
    const doc = await paperBallotsDoc(db, m, null, now());
    const job = assembly.newPrintJob(m.estate_id, m.id, doc.ballots.length);
    await inTransaction(db, (trx) => writeAudit(trx, { actorId: req.auth.account!.id, action: 'paper.print', entity: 'meeting', entityId: m.id, estateId: m.estate_id, after: { ballots: doc.ballots.length }, ip: req.auth.ip, requestId: req.auth.requestId }));
    // preparing the pages is the first half of the work, pdfmake's layout (one run) the second
    void renderPaperBallotsIsolated(doc, (done, total) => {
      job.done = Math.floor(done / 2);
      job.total = total;
    })
      .then((pdf) => {
        job.file = pdf;
        job.done = job.total;
        job.status = 'succeeded';
      })
      .catch((err: Error) => {
        job.status = 'failed';
        job.error = err.message;
      });
    return reply.status(202).send(PrintJob.parse({ id: job.id, status: job.status, done: job.done, total: job.total, error: job.error }));
  });

  const printJobOf = async (req: FastifyRequest) => {
    const params = parseFields(JobParams, req.params as Record<string, string>);
    await requireEstateAccess(db, req.auth, params.estateId, 'ballot.clerk');
    const job = assembly.printJobs.get(params.jobId);
    if (!job || job.estateId !== params.estateId || job.meetingId !== params.meetingId) throw new AppError('PRINT_JOB_NOT_FOUND');
    return job;
  };
  app.get('/api/estates/:estateId/meetings/:meetingId/paper/print/:jobId', { schema: { summary: 'A print job', tags: ['paper'] } }, async (req) => {
    const job = await printJobOf(req);
    return PrintJob.parse({ id: job.id, status: job.status, done: job.done, total: job.total, error: job.error });
  });
  app.get('/api/estates/:estateId/meetings/:meetingId/paper/print/:jobId/file', { schema: { summary: 'The printed ballots (PDF)', tags: ['paper'] } }, async (req, reply) => {
    const job = await printJobOf(req);
    if (job.status !== 'succeeded' || !job.file) throw new AppError('PRINT_JOB_NOT_FOUND', { messageZh: '打印任务尚未完成', messageEn: 'The print job has not finished' });
    return sendPdf(reply, `表决票-${job.meetingId}.pdf`, job.file, 'attachment');
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/paper/lookup', summary: 'Look up a typed or scanned paper ballot code', tags: ['paper'], params: MeetingParams, query: PaperLookupQuery, reply: PaperLookup,
    async handler({ params, query, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'ballot.clerk');
      return lookupPaper(db, m, query.code);
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/paper/entries', summary: 'Paper entries (pending ones without their first answers)', tags: ['paper'], params: MeetingParams, reply: PaperEntryList,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'ballot.clerk');
      return { items: await listPaperEntries(db, m, auth.account!.id) };
    },
  });

  const entryView = async (m: MeetingRecord, entryId: number, viewer: number) => {
    const e = (await listPaperEntries(db, m, viewer)).find((x) => x.id === entryId);
    if (!e) throw new AppError('PAPER_ENTRY_NOT_FOUND');
    return e;
  };

  app.post('/api/estates/:estateId/meetings/:meetingId/paper/entries', { schema: { summary: 'First entry of a paper ballot (multipart: code, answers JSON, receivedAt, scan)', tags: ['paper'], consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId, 'ballot.clerk');
    const { fields, file } = await readForm(req, deps.config.maxUploadBytes, 'scan');
    const f = parseFields(PaperEntryFields, fields);
    let answers: unknown;
    try {
      answers = JSON.parse(f.answers);
    } catch {
      throw new AppError('VALIDATION_FAILED', { field: 'answers', messageZh: 'answers 必须是 JSON', messageEn: 'answers must be JSON' });
    }
    const parsedAnswers = z.array(AnswerInput).min(1).safeParse(answers);
    if (!parsedAnswers.success) throw new AppError('VALIDATION_FAILED', { issues: zodIssues(parsedAnswers.error, 'answers'), field: 'answers' });
    const receivedAt = f.receivedAt ? new Date(f.receivedAt) : now();
    if (Number.isNaN(receivedAt.getTime())) throw new AppError('VALIDATION_FAILED', { field: 'receivedAt' });
    const id = await enterPaper(db, m, { code: f.code, answers: parsedAnswers.data, receivedAt }, file, clerkOf(req.auth), now());
    return reply.status(201).send(PaperEntryView.parse(await entryView(m, id, req.auth.account!.id)));
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/paper/entries/:entryId/confirm', summary: "A second clerk's matching entry counts the paper ballot", tags: ['paper'], params: EntryParams, body: PaperConfirmBody, reply: PaperConfirmReply,
    async handler({ params, body, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'ballot.clerk');
      const cast = await confirmPaper(db, m, params.entryId, body.answers, clerkOf(auth), now());
      assembly.sealer.schedule(m.estate_id, m.id);
      return { entry: await entryView(m, params.entryId, auth.account!.id), receipts: cast.receipts };
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/paper/entries/:entryId/discard', summary: 'Discard a pending entry', tags: ['paper'], params: EntryParams, body: PaperDiscardBody, reply: PaperEntryView,
    async handler({ params, body, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'ballot.clerk');
      await discardPaper(db, m, params.entryId, body.reason, clerkOf(auth));
      return entryView(m, params.entryId, auth.account!.id);
    },
  });

  /** A stored file of a meeting (scan, authorization), with the view written to the audit log. */
  const sendLoggedFile = async (
    reply: FastifyReply,
    auth: AuthContext,
    estateId: number,
    load: (trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<{ content_type: string; content: Uint8Array } | undefined>,
    audit: { action: string; entity: string; entityId: number },
    missing: 'PAPER_ENTRY_NOT_FOUND' | 'PROXY_NOT_FOUND',
  ) => {
    const f = await inTransaction(db, async (trx) => {
      const file = await load(trx);
      if (file) await writeAudit(trx, { actorId: auth.account!.id, ...audit, estateId, ip: auth.ip, requestId: auth.requestId });
      return file;
    });
    if (!f) throw new AppError(missing);
    return reply.header('content-type', f.content_type).header('cache-control', 'private, no-store').send(Buffer.from(f.content));
  };

  app.get('/api/estates/:estateId/meetings/:meetingId/paper/entries/:entryId/scan', { schema: { summary: 'The scan of a paper ballot', tags: ['paper'] } }, async (req, reply) => {
    const params = parseFields(EntryParams, req.params as Record<string, string>);
    await visibleMeeting(req.auth, params.estateId, params.meetingId, 'ballot.clerk');
    return sendLoggedFile(
      reply,
      req.auth,
      params.estateId,
      (trx) =>
        trx
          .selectFrom('paper_entries as p')
          .innerJoin('files as f', (j) => j.onRef('f.estate_id', '=', 'p.estate_id').onRef('f.id', '=', 'p.scan_file_id'))
          .select(['f.content_type', 'f.content'])
          .where('p.estate_id', '=', params.estateId)
          .where('p.meeting_id', '=', params.meetingId)
          .where('p.id', '=', params.entryId)
          .executeTakeFirst(),
      { action: 'paper.scan_view', entity: 'paper_entry', entityId: params.entryId },
      'PAPER_ENTRY_NOT_FOUND',
    );
  });

  // ---------------------------------------------------------------- proxies

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/proxies', summary: 'Proxies (written authorizations)', tags: ['paper'], params: MeetingParams, reply: ProxyList,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'ballot.clerk');
      return { items: await listProxies(db, m, now()), maxHoldersPerProxy: profileById(m.profile_id).params.maxHoldersPerProxy.value };
    },
  });

  app.post('/api/estates/:estateId/meetings/:meetingId/proxies', { schema: { summary: 'Register a proxy (multipart: holderId, proxyName, proxyPhone, authorization)', tags: ['paper'], consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const params = parseFields(MeetingParams, req.params as Record<string, string>);
    const { m } = await visibleMeeting(req.auth, params.estateId, params.meetingId, 'ballot.clerk');
    const { fields, file } = await readForm(req, deps.config.maxUploadBytes, 'authorization');
    const f = parseFields(ProxyFields, fields);
    const id = await registerProxy(db, m, f, file, clerkOf(req.auth), now());
    const view = (await listProxies(db, m, now())).find((p) => p.id === id);
    return reply.status(201).send(ProxyView.parse(view));
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/proxies/:proxyId/revoke', summary: 'Revoke a proxy', tags: ['paper'], params: ProxyParams, reply: ProxyView,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'ballot.clerk');
      await revokeProxy(db, m, params.proxyId, clerkOf(auth), now());
      const view = (await listProxies(db, m, now())).find((p) => p.id === params.proxyId);
      if (!view) throw new AppError('PROXY_NOT_FOUND');
      return view;
    },
  });

  app.get('/api/estates/:estateId/meetings/:meetingId/proxies/:proxyId/authorization', { schema: { summary: 'The written authorization', tags: ['paper'] } }, async (req, reply) => {
    const params = parseFields(ProxyParams, req.params as Record<string, string>);
    await visibleMeeting(req.auth, params.estateId, params.meetingId, 'ballot.clerk');
    return sendLoggedFile(
      reply,
      req.auth,
      params.estateId,
      (trx) =>
        trx
          .selectFrom('proxies as p')
          .innerJoin('files as f', (j) => j.onRef('f.estate_id', '=', 'p.estate_id').onRef('f.id', '=', 'p.authorization_file_id'))
          .select(['f.content_type', 'f.content'])
          .where('p.estate_id', '=', params.estateId)
          .where('p.meeting_id', '=', params.meetingId)
          .where('p.id', '=', params.proxyId)
          .executeTakeFirst(),
      { action: 'proxy.authorization_view', entity: 'proxy', entityId: params.proxyId },
      'PROXY_NOT_FOUND',
    );
  });

  // ---------------------------------------------------------------- collective meetings: sign-in by scanning a code

  const attendanceToken = (m: MeetingRecord, day: string) => `${day}.${createHmac('sha256', m.attendance_secret).update(`${m.id}:${day}`).digest('hex').slice(0, 24)}`;
  const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/attendance/code', summary: "Today's sign-in code (shown as a QR code at the meeting)", tags: ['meetings'], params: MeetingParams, reply: AttendanceCode,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'meeting.manage');
      if (m.form !== 'collective') throw new AppError('MEETING_STATE', { messageZh: '只有集体讨论形式的会议需要现场签到', messageEn: 'Only collective meetings have on-site sign-in' });
      const t = now();
      const day = chinaDay(t);
      const token = attendanceToken(m, day);
      // the code is valid for the China calendar day it was shown on
      const expires = new Date(Date.parse(`${day}T00:00:00.000+08:00`) + 86_400_000);
      const url = `${publicUrl}/m/checkin/${m.estate_id}/${m.id}/${token}`;
      const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { token, url, expiresAt: expires.toISOString(), qrSvg };
    },
  });

  const attendanceSummary = async (m: MeetingRecord) => {
    const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now());
    const signed = new Set((await db.selectFrom('attendance').select('holder_id').where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).execute()).map((a) => a.holder_id));
    const holders = new Set(roll.map((r) => r.holderId));
    return {
      holders: signed.size,
      area: formatArea(roll.filter((r) => signed.has(r.holderId)).reduce((s, r) => s + r.areaCents, 0)),
      eligibleHolders: holders.size,
      eligibleArea: formatArea(roll.reduce((s, r) => s + r.areaCents, 0)),
    };
  };

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/meetings/:meetingId/attendance', summary: 'Sign in at a collective meeting', tags: ['meetings'], params: MeetingParams, body: AttendanceBody, reply: AttendanceSummary,
    async handler({ params, body, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId);
      const t = now();
      if (m.form !== 'collective' || !['notice', 'voting'].includes(m.state) || body.token !== attendanceToken(m, chinaDay(t))) throw new AppError('ATTENDANCE_INVALID');
      const rights = (await voterRights(db, m, { id: auth.account!.id, phone: auth.account!.phone }, t)).filter((r) => !r.blockedReason);
      if (rights.length === 0) throw new AppError('NOT_A_VOTER');
      await inTransaction(db, async (trx) => {
        for (const r of rights) {
          await trx.insertInto('attendance').values({ estate_id: m.estate_id, meeting_id: m.id, holder_id: r.holderId, account_id: auth.account!.id, signed_at: t }).onConflict((oc) => oc.columns(['estate_id', 'meeting_id', 'holder_id']).doNothing()).execute();
        }
        await writeAudit(trx, { actorId: auth.account!.id, action: 'meeting.sign_in', entity: 'meeting', entityId: m.id, estateId: m.estate_id, after: { holders: rights.map((r) => r.holderId) }, ip: auth.ip, requestId: auth.requestId });
      });
      return attendanceSummary(m);
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/meetings/:meetingId/attendance', summary: 'Sign-in count', tags: ['meetings'], params: MeetingParams, reply: AttendanceSummary,
    async handler({ params, auth }) {
      const { m } = await visibleMeeting(auth, params.estateId, params.meetingId, 'meeting.supervise');
      return attendanceSummary(m);
    },
  });

  // ---------------------------------------------------------------- notifications

  route(app, {
    method: 'GET', url: '/api/me/notifications', summary: 'My in-app notifications', tags: ['meetings'], reply: NotificationList,
    async handler({ auth }) {
      if (!auth.account) throw new AppError('UNAUTHENTICATED');
      const rows = await db.selectFrom('notifications').selectAll().where('account_id', '=', auth.account.id).orderBy('created_at', 'desc').limit(100).execute();
      return {
        items: rows.map((n) => ({ id: n.id, estateId: n.estate_id, meetingId: n.meeting_id, kind: n.kind, title: n.title, body: n.body, createdAt: n.created_at.toISOString(), readAt: iso(n.read_at) })),
        unread: rows.filter((n) => !n.read_at).length,
      };
    },
  });

  route(app, {
    method: 'POST', url: '/api/me/notifications/:id/read', summary: 'Mark a notification read', tags: ['meetings'], params: z.object({ id: z.coerce.number().int().positive() }), reply: z.object({ ok: z.literal(true) }),
    async handler({ params, auth }) {
      if (!auth.account) throw new AppError('UNAUTHENTICATED');
      await inTransaction(db, (trx) => trx.updateTable('notifications').set({ read_at: now() }).where('account_id', '=', auth.account!.id).where('id', '=', params.id).execute());
      return { ok: true as const };
    },
  });

  // ---------------------------------------------------------------- public estate page (no sign-in; unit + area only)

  route(app, {
    method: 'GET', url: '/api/public/estates/:estateId', summary: "An estate's public page: meeting notices and results", tags: ['public'], auth: false, params: EstateParams, reply: PublicEstatePage,
    async handler({ params }) {
      const e = await db.selectFrom('estates').select(['id', 'name', 'address']).where('id', '=', params.estateId).executeTakeFirst();
      if (!e) throw new AppError('ESTATE_NOT_FOUND');
      const rows = await db.selectFrom('meetings').selectAll().where('estate_id', '=', e.id).where('state', 'in', ['notice', 'voting', 'closed', 'final', 'archived']).orderBy('created_at', 'desc').limit(50).execute();
      const base = `/api/public/estates/${e.id}/meetings`;
      return {
        estate: e,
        meetings: rows.map((m) => ({
          id: m.id,
          title: m.title,
          state: m.state,
          opensAt: m.opens_at.toISOString(),
          closesAt: m.closes_at.toISOString(),
          noticePublishedAt: iso(m.notice_published_at),
          chainHead: m.chain_head,
          documents: [
            ...(m.notice_published_at ? [{ kind: 'notice' as const, title: `会议通知：${m.title}`, url: `${base}/${m.id}/documents/notice.pdf`, publishedAt: m.notice_published_at.toISOString() }] : []),
            ...(m.closed_at ? [{ kind: 'preliminary' as const, title: `表决结果（初步）：${m.title}`, url: `${base}/${m.id}/documents/result-preliminary.pdf`, publishedAt: m.closed_at.toISOString() }] : []),
            ...(m.finalized_at ? [{ kind: 'final' as const, title: `表决结果公告：${m.title}`, url: `${base}/${m.id}/documents/result-final.pdf`, publishedAt: m.finalized_at.toISOString() }] : []),
          ],
        })),
      };
    },
  });

  app.get('/api/public/estates/:estateId/meetings/:meetingId/documents/:doc', { schema: { summary: 'A public document (notice.pdf, result-preliminary.pdf, result-final.pdf)', tags: ['public'] } }, async (req, reply) => {
    const params = parseFields(MeetingParams.extend({ doc: z.enum(['notice.pdf', 'result-preliminary.pdf', 'result-final.pdf']) }), req.params as Record<string, string>);
    const m = await loadMeeting(db, params.estateId, params.meetingId);
    if (m.state === 'draft' || m.state === 'cancelled') throw new AppError('MEETING_NOT_FOUND');
    if (params.doc === 'notice.pdf') return sendPdf(reply, `会议通知-${m.id}.pdf`, await renderMeetingNoticePdf(await meetingNoticeDoc(db, m, publicUrl, now())));
    const stage = params.doc === 'result-final.pdf' ? 'final' : 'preliminary';
    return sendPdf(reply, `表决结果-${stage}-${m.id}.pdf`, await resultPdf(m, stage));
  });

  // ---------------------------------------------------------------- test clock (GONGZHI_TEST_CLOCK only)

  if (assembly.clock.controllable) {
    route(app, {
      method: 'POST', url: '/api/test/clock', summary: 'Move the test clock forward (only with GONGZHI_TEST_CLOCK)', tags: ['test'], auth: false,
      body: z.object({ advanceMs: z.number().int().min(0) }), reply: z.object({ now: z.string() }),
      async handler({ body }) {
        return { now: assembly.clock.advance(body.advanceMs).toISOString() };
      },
    });
    route(app, {
      method: 'GET', url: '/api/test/clock', summary: 'The test clock', tags: ['test'], auth: false, reply: z.object({ now: z.string() }),
      async handler() {
        return { now: now().toISOString() };
      },
    });
  }
}

