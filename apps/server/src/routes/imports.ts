import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EstateParams, ImportJob, ImportJobList, ImportJobParams, type Permission } from '@gongzhi/contracts';
import { inTransaction, writeAudit } from '@gongzhi/db';
import { AppError } from '../errors';
import { route, zodIssues } from '../http/route';
import type { AppDeps } from '../app';
import type { AuthContext } from '../auth/context';
import { permissionsOn, requireEstateAccess } from '../access/access';
import { buildTemplate } from '../registry/template';
import { exportRegistryXlsx } from '../registry/export';
import { fileFormat } from '../registry/parse';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** attachment; filename="ascii.xlsx"; filename*=UTF-8''<percent-encoded Chinese name> (RFC 6266 / 5987) */
export function attachment(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

const ImportJobQuery = z.object({
  errorsPage: z.coerce.number().int().min(1).default(1),
  errorsPageSize: z.coerce.number().int().min(1).max(1000).default(200),
});
const ExportQuery = z.object({
  /** masked=true: a masked export even for a viewer allowed to see personal data */
  masked: z.enum(['true', 'false', '1', '0']).optional(),
});

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issues = zodIssues(r.error);
    throw new AppError('VALIDATION_FAILED', { issues, ...(issues[0] ? { field: issues[0].field } : {}) });
  }
  return r.data;
}

const truthy = (v: string | undefined) => v === 'true' || v === '1' || v === 'on';

/** The uploaded file's name: percent-decoded when a client encoded it, no path, no control characters. */
export function cleanFileName(raw: string): string {
  let name = raw;
  if (/%[0-9a-f]{2}/i.test(name)) {
    try {
      name = decodeURIComponent(name);
    } catch {
      // not percent-encoding after all
    }
  }
  name = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...name].slice(-200).join('') || 'upload';
}

/**
 * The estate's running import answers without the database (on PGlite its transaction holds the
 * one connection): the permission is checked with the same rule as requireEstateAccess, on the
 * estate's jurisdiction path remembered when the import started.
 */
function liveAccess(deps: AppDeps, auth: AuthContext, estateId: number, permissions: Permission[]): boolean {
  const running = deps.imports.running(estateId);
  if (!running) return false;
  if (!auth.account) throw new AppError('UNAUTHENTICATED');
  const perms = permissionsOn(auth, { estateId, path: running.scopePath });
  if (!permissions.some((p) => perms.has(p))) throw new AppError('FORBIDDEN');
  return true;
}

/** registry.read or registry.import */
async function requireImportsView(deps: AppDeps, auth: AuthContext, estateId: number): Promise<void> {
  if (liveAccess(deps, auth, estateId, ['registry.read', 'registry.import'])) return;
  try {
    await requireEstateAccess(deps.db, auth, estateId, 'registry.read');
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') {
      await requireEstateAccess(deps.db, auth, estateId, 'registry.import');
      return;
    }
    throw err;
  }
}

export function importRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  let template: Promise<Buffer> | null = null;

  app.get('/api/registry/template.xlsx', { schema: { summary: 'The owner-list template (业主清册模板.xlsx)', tags: ['import'] } }, async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.auth.account) throw new AppError('UNAUTHENTICATED');
    template ??= buildTemplate().catch((err: unknown) => {
      template = null;
      throw err;
    });
    const buf = await template;
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment('owner-list-template.xlsx', '业主清册模板.xlsx'))
      .header('cache-control', 'private, max-age=3600')
      .send(buf);
  });

  app.post(
    '/api/estates/:estateId/imports',
    {
      schema: {
        summary: 'Start an owner-list import: multipart `file` (.xlsx/.csv), optional field allowNewBuildings=true → ImportJob (202)',
        tags: ['import'],
        consumes: ['multipart/form-data'],
      },
    },
    async (req: FastifyRequest, reply: FastifyReply) => {
      const auth = req.auth;
      if (!auth.account) throw new AppError('UNAUTHENTICATED');
      const { estateId } = parseOrThrow(EstateParams, req.params);
      // a running import is known without the database (which it may hold)
      if (liveAccess(deps, auth, estateId, ['registry.import'])) throw new AppError('IMPORT_IN_PROGRESS');
      await requireEstateAccess(db, auth, estateId, 'registry.import');
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_FILE');
      let file: { name: string; buffer: Buffer } | null = null;
      const fields: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            part.file.resume();
            continue;
          }
          const name = cleanFileName(part.filename);
          if (!fileFormat(name)) {
            part.file.resume();
            throw new AppError('UNSUPPORTED_FILE');
          }
          // toBuffer throws when the configured size limit is passed (→ FILE_TOO_LARGE)
          file = { name, buffer: await part.toBuffer() };
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
      if (!file) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'file',
          issues: [{ field: 'file', code: 'REQUIRED', messageZh: '请选择要上传的 .xlsx 或 .csv 文件', messageEn: 'Choose an .xlsx or .csv file to upload' }],
        });
      }
      const job = await deps.imports.start(
        estateId,
        file,
        { accountId: auth.account.id, ip: auth.ip, requestId: auth.requestId },
        { allowNewBuildings: truthy(fields.allowNewBuildings) },
      );
      return reply.status(202).send(ImportJob.parse(job));
    },
  );

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/imports', summary: 'The estate\'s import jobs, newest first (errors omitted; errorCount says how many)', tags: ['import'],
    params: EstateParams, reply: ImportJobList,
    async handler({ params, auth }) {
      await requireImportsView(deps, auth, params.estateId);
      return { items: await deps.imports.list(params.estateId) };
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/imports/:jobId', summary: 'One import job with its progress (poll it); errors paginated by errorsPage/errorsPageSize', tags: ['import'],
    params: ImportJobParams, query: ImportJobQuery, reply: ImportJob,
    async handler({ params, query, auth }) {
      await requireImportsView(deps, auth, params.estateId);
      const job = await deps.imports.get(params.estateId, params.jobId, {
        offset: (query.errorsPage - 1) * query.errorsPageSize,
        limit: query.errorsPageSize,
      });
      if (!job) throw new AppError('IMPORT_NOT_FOUND');
      return job;
    },
  });

  app.get('/api/estates/:estateId/export.xlsx', { schema: { summary: 'The registry as .xlsx (template layout + 表决权人 + 汇总); logged', tags: ['import'] } }, async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.auth;
    if (!auth.account) throw new AppError('UNAUTHENTICATED');
    const { estateId } = parseOrThrow(EstateParams, req.params);
    const query = parseOrThrow(ExportQuery, req.query);
    const perms = await requireEstateAccess(db, auth, estateId, 'registry.export');
    const personal = perms.has('registry.personal') && !truthy(query.masked);
    const estate = await db.selectFrom('estates').select('name').where('id', '=', estateId).executeTakeFirstOrThrow();
    const buf = await exportRegistryXlsx(db, estateId, { personal });
    // access to an owner list is logged
    await inTransaction(db, (trx) =>
      writeAudit(trx, {
        actorId: auth.account!.id, action: 'registry.export', entity: 'estate', entityId: estateId, estateId,
        after: { personal, bytes: buf.length }, ip: auth.ip, requestId: auth.requestId,
      }),
    );
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment(`estate-${estateId}-registry.xlsx`, `${estate.name}-业主清册.xlsx`))
      .header('cache-control', 'no-store')
      .send(buf);
  });
}
