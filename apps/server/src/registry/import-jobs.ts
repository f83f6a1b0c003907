import type { ImportJobT, ImportRowErrorT } from '@gongzhi/contracts';
import { inTransaction, sql, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { loadEstateScope } from '../access/access';
import { applyImport, type ImportSummary } from './apply';
import { importError } from './messages';
import { parseOwnerList, type ParsedOwnerList } from './parse';
import { validateOwnerListAsync, normalizeUnitNumber, type CurrentHolder } from './validate';

/**
 * Owner-list imports. One code path, `runImport`: parse → validate (every error) → if clean,
 * apply in ONE transaction. `importOwnerList` runs it in the caller's time (CLI, demo seed);
 * `ImportJobs` runs it in the background for the HTTP API, keeps the progress in memory and the
 * outcome in import_jobs.
 */

export interface ImportInput {
  estateId: number;
  fileName: string;
  buffer: Buffer;
  actorId: number | null;
  idKey: string;
  allowNewBuildings?: boolean;
  ip?: string | null;
  requestId?: string | null;
  /** 0..100 across validation (0-50) and writing (50-100); processed/total rows of the phase */
  onProgress?: (p: { phase: 'validating' | 'importing'; processed: number; total: number; percent: number }) => void;
}

export type ImportResult = { ok: true; summary: ImportSummary; rows: number } | { ok: false; errors: ImportRowErrorT[]; rows: number };

/** What validation needs to know about the estate: its buildings, and (for masked IDs) its current holders. */
export async function loadValidationContext(db: Kysely<DB>, estateId: number, parsed: ParsedOwnerList) {
  const buildings = (await db.selectFrom('buildings').select('name').where('estate_id', '=', estateId).execute()).map((b) => b.name);
  const needsHolders = parsed.rows.some((r) => r.cells.idNumbers?.includes('*'));
  let currentHolders: Map<string, CurrentHolder> | undefined;
  if (needsHolders) {
    currentHolders = new Map();
    const rows = await db
      .selectFrom('ownerships as o')
      .innerJoin('units as u', (j) => j.onRef('u.id', '=', 'o.unit_id').onRef('u.estate_id', '=', 'o.estate_id'))
      .innerJoin('holders as h', (j) => j.onRef('h.id', '=', 'o.holder_id').onRef('h.estate_id', '=', 'o.estate_id'))
      .leftJoin('owners as w', (j) => j.onRef('w.holder_id', '=', 'h.id').onRef('w.estate_id', '=', 'h.estate_id'))
      .select(['u.number', 'h.group_key', 'h.kind', 'h.name', 'w.name as owner_name', 'w.id_number_masked'])
      .where('o.estate_id', '=', estateId)
      .where('o.valid_to', 'is', null)
      .execute();
    for (const r of rows) {
      const number = normalizeUnitNumber(r.number);
      let h = currentHolders.get(number);
      if (!h) {
        h = { groupKey: r.group_key, kind: r.kind, name: r.name, owners: [] };
        currentHolders.set(number, h);
      }
      if (r.owner_name !== null && r.id_number_masked !== null) h.owners.push({ name: r.owner_name, idMasked: r.id_number_masked });
    }
  }
  return { existingBuildings: buildings, currentHolders };
}

/** ANALYZE the registry tables (after a bulk import; also at start, see server.ts). */
export async function refreshRegistryStatistics(db: Kysely<DB>): Promise<void> {
  await sql`analyze buildings, entrances, units, holders, owners, ownerships`.execute(db);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The one import path. `finish` runs inside the import's transaction after the data are written
 * (ImportJobs records the job's success there, so that data and status commit together).
 */
export async function runImport(
  db: Kysely<DB>,
  input: ImportInput,
  finish?: (trx: Kysely<DB>, summary: ImportSummary, rows: number) => Promise<void>,
): Promise<ImportResult> {
  const report = input.onProgress;
  report?.({ phase: 'validating', processed: 0, total: 0, percent: 0 });
  const parsed = await parseOwnerList(input.buffer, input.fileName, {
    onProgress: (n) => report?.({ phase: 'validating', processed: n, total: 0, percent: 0 }),
  });
  const rows = parsed.rows.length;
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors, rows };
  await yieldToEventLoop();
  const context = await loadValidationContext(db, input.estateId, parsed);
  const { plan, errors } = await validateOwnerListAsync(parsed.rows, {
    idKey: input.idKey,
    existingBuildings: context.existingBuildings,
    currentHolders: context.currentHolders,
    allowNewBuildings: input.allowNewBuildings ?? false,
    headers: parsed.headers,
    onProgress: (processed, total) => report?.({ phase: 'validating', processed, total, percent: total ? (50 * processed) / total : 50 }),
  });
  parsed.rows = [];
  if (errors.length > 0) return { ok: false, errors, rows };
  await yieldToEventLoop();
  report?.({ phase: 'importing', processed: 0, total: rows, percent: 50 });
  const summary = await inTransaction(db, async (trx) => {
    const s = await applyImport(trx, {
      estateId: input.estateId,
      plan,
      actorId: input.actorId,
      now: new Date(),
      fileName: input.fileName,
      ip: input.ip ?? null,
      requestId: input.requestId ?? null,
      onProgress: (processed, total) => report?.({ phase: 'importing', processed, total, percent: 50 + (total ? (50 * processed) / total : 50) }),
    });
    await finish?.(trx, s, rows);
    return s;
  });
  // A bulk write changes the tables' statistics; PGlite has no autovacuum to refresh them, and
  // without them the planner chooses nested loops over seq scans (units list: 7 s instead of 30 ms).
  await refreshRegistryStatistics(db);
  return { ok: true, summary, rows };
}

/** Imports an owner list now: for the CLI and the demo seed. Nothing is written when the file has errors. */
export async function importOwnerList(
  db: Kysely<DB>,
  options: {
    estateId: number;
    fileName: string;
    buffer: Buffer;
    actorId: number | null;
    idKey: string;
    allowNewBuildings?: boolean;
    onProgress?: ImportInput['onProgress'];
  },
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; errors: ImportRowErrorT[] }> {
  const estate = await db.selectFrom('estates').select('id').where('id', '=', options.estateId).executeTakeFirst();
  if (!estate) throw new AppError('ESTATE_NOT_FOUND');
  const r = await runImport(db, options);
  return r.ok ? { ok: true, summary: r.summary } : { ok: false, errors: r.errors };
}

// ------------------------------------------------------------------ background jobs

interface LiveJob {
  job: ImportJobT;
  /** the estate's jurisdiction path, for permission checks while the database is busy */
  scopePath: string;
  done: Promise<ImportJobT>;
}

type JobRow = {
  id: number;
  estate_id: number;
  file_name: string;
  status: ImportJobT['status'];
  total_rows: number;
  processed_rows: number;
  summary: unknown;
  created_at: Date;
  finished_at: Date | null;
  error_count: number;
};

function toJob(r: JobRow, errors: ImportRowErrorT[]): ImportJobT {
  const finished = r.status === 'succeeded' || r.status === 'failed';
  return {
    id: r.id,
    estateId: r.estate_id,
    fileName: r.file_name,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    percent: finished ? 100 : 0,
    errors,
    errorCount: Number(r.error_count),
    summary: (typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary) as ImportJobT['summary'],
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}

const snapshot = (j: ImportJobT): ImportJobT => ({ ...j, errors: [...j.errors], summary: j.summary ? { ...j.summary } : null });

export class ImportJobs {
  private readonly live = new Map<number, LiveJob>();
  private readonly runningByEstate = new Map<number, number>();
  /** estates whose start() is between its check and its insert */
  private readonly starting = new Set<number>();
  /** the last listed jobs of each estate, answered while an import holds the database */
  private readonly lists = new Map<number, ImportJobT[]>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly idKey: string,
    private readonly log: (message: string, err?: unknown) => void = (m, e) => console.error(m, e),
  ) {}

  /** Starts an import in the background and returns its job at once (status 'validating'). */
  async start(
    estateId: number,
    file: { name: string; buffer: Buffer },
    actor: { accountId: number | null; ip?: string; requestId?: string },
    options: { allowNewBuildings?: boolean } = {},
  ): Promise<ImportJobT> {
    if (this.runningByEstate.has(estateId) || this.starting.has(estateId)) throw new AppError('IMPORT_IN_PROGRESS');
    this.starting.add(estateId);
    let live: LiveJob;
    try {
      const scope = await loadEstateScope(this.db, estateId);
      if (!scope) throw new AppError('ESTATE_NOT_FOUND');
      const row = await this.db
        .insertInto('import_jobs')
        .values({ estate_id: estateId, file_name: file.name, status: 'validating', errors: '[]', created_by: actor.accountId })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      await this.list(estateId).catch(() => undefined);
      const job: ImportJobT = {
        id: row.id, estateId, fileName: file.name, status: 'validating', totalRows: 0, processedRows: 0, percent: 0,
        errors: [], errorCount: 0, summary: null, createdAt: row.created_at.toISOString(), finishedAt: null,
      };
      live = { job, scopePath: scope.path, done: Promise.resolve(job) };
      this.live.set(job.id, live);
      this.runningByEstate.set(estateId, job.id);
    } finally {
      this.starting.delete(estateId);
    }
    live.done = this.run(live, file, actor, options);
    return snapshot(live.job);
  }

  private async run(
    live: LiveJob,
    file: { name: string; buffer: Buffer },
    actor: { accountId: number | null; ip?: string; requestId?: string },
    options: { allowNewBuildings?: boolean },
  ): Promise<ImportJobT> {
    const job = live.job;
    try {
      await yieldToEventLoop();
      const result = await runImport(
        this.db,
        {
          estateId: job.estateId,
          fileName: file.name,
          buffer: file.buffer,
          actorId: actor.accountId,
          idKey: this.idKey,
          allowNewBuildings: options.allowNewBuildings ?? false,
          ip: actor.ip ?? null,
          requestId: actor.requestId ?? null,
          onProgress: (p) => {
            job.status = p.phase;
            job.processedRows = p.processed;
            if (p.total) job.totalRows = p.total;
            job.percent = Math.round(p.percent * 10) / 10;
          },
        },
        async (trx, summary, rows) => {
          await trx
            .updateTable('import_jobs')
            .set({ status: 'succeeded', total_rows: rows, processed_rows: rows, summary: JSON.stringify(summary), finished_at: new Date() })
            .where('estate_id', '=', job.estateId)
            .where('id', '=', job.id)
            .execute();
        },
      );
      if (result.ok) {
        Object.assign(job, { status: 'succeeded', totalRows: result.rows, processedRows: result.rows, percent: 100, summary: result.summary, finishedAt: new Date().toISOString() });
      } else {
        await this.fail(job, result.errors, result.rows);
      }
    } catch (err) {
      this.log(`import job ${job.id} of estate ${job.estateId} failed`, err);
      await this.fail(job, [importError('IMPORT_FAILED', 0, '')], job.totalRows).catch((e: unknown) => this.log(`import job ${job.id}: recording the failure failed`, e));
    } finally {
      this.live.delete(job.id);
      this.runningByEstate.delete(job.estateId);
      const list = this.lists.get(job.estateId);
      if (list) this.lists.set(job.estateId, list.map((j) => (j.id === job.id ? { ...snapshot(job), errors: [] } : j)));
    }
    return snapshot(job);
  }

  private async fail(job: ImportJobT, errors: ImportRowErrorT[], rows: number): Promise<void> {
    const finishedAt = new Date();
    await this.db
      .updateTable('import_jobs')
      .set({ status: 'failed', total_rows: rows, processed_rows: 0, errors: JSON.stringify(errors), finished_at: finishedAt })
      .where('estate_id', '=', job.estateId)
      .where('id', '=', job.id)
      .execute();
    Object.assign(job, { status: 'failed', totalRows: rows, processedRows: 0, percent: 100, errors, errorCount: errors.length, finishedAt: finishedAt.toISOString() });
  }

  /** The running job from memory (no database), if it is running. */
  peek(jobId: number): { job: ImportJobT; scopePath: string } | null {
    const l = this.live.get(jobId);
    return l ? { job: snapshot(l.job), scopePath: l.scopePath } : null;
  }

  /** The estate's running import from memory, with the estate's jurisdiction path. */
  running(estateId: number): { job: ImportJobT; scopePath: string } | null {
    const id = this.runningByEstate.get(estateId);
    return id === undefined ? null : this.peek(id);
  }

  /**
   * A job with its progress. A running job is answered from memory (on PGlite its transaction
   * holds the one connection); a finished one from import_jobs, its errors a page of them.
   */
  async get(estateId: number, jobId: number, errorsPage: { offset: number; limit: number } = { offset: 0, limit: 200 }): Promise<ImportJobT | null> {
    const l = this.live.get(jobId);
    if (l) return l.job.estateId === estateId ? snapshot(l.job) : null;
    const r = await sql<JobRow & { errors_page: unknown }>`
      select id, estate_id, file_name, status, total_rows, processed_rows, summary, created_at, finished_at,
        jsonb_array_length(errors) as error_count,
        coalesce((select jsonb_agg(e order by i) from jsonb_array_elements(errors) with ordinality as t(e, i)
                  where i > ${errorsPage.offset} and i <= ${errorsPage.offset + errorsPage.limit}), '[]'::jsonb) as errors_page
      from import_jobs where estate_id = ${estateId} and id = ${jobId}`.execute(this.db);
    const row = r.rows[0];
    if (!row) return null;
    const errors = (typeof row.errors_page === 'string' ? JSON.parse(row.errors_page) : row.errors_page) as ImportRowErrorT[];
    return toJob(row, errors);
  }

  /** The estate's jobs, newest first, without their errors (errorCount says how many). */
  async list(estateId: number): Promise<ImportJobT[]> {
    const running = this.running(estateId);
    if (running) {
      // answered from memory: the import may hold the database
      const rest = (this.lists.get(estateId) ?? []).filter((j) => j.id !== running.job.id);
      return [{ ...running.job, errors: [] }, ...rest];
    }
    const r = await sql<JobRow>`
      select id, estate_id, file_name, status, total_rows, processed_rows, summary, created_at, finished_at,
        jsonb_array_length(errors) as error_count
      from import_jobs where estate_id = ${estateId} order by id desc limit 100`.execute(this.db);
    const items = r.rows.map((row) => toJob(row, []));
    this.lists.set(estateId, items);
    return items;
  }

  /** Resolves when the job has finished (at once for a finished job). */
  async wait(jobId: number): Promise<ImportJobT> {
    const l = this.live.get(jobId);
    if (l) return l.done;
    const row = await this.db.selectFrom('import_jobs').select('estate_id').where('id', '=', jobId).executeTakeFirst();
    if (!row) throw new AppError('IMPORT_NOT_FOUND');
    const job = await this.get(row.estate_id, jobId, { offset: 0, limit: 1_000_000 });
    if (!job) throw new AppError('IMPORT_NOT_FOUND');
    return job;
  }

  /** At server start: jobs a crash left running are failed (their transaction rolled back). */
  async markInterrupted(): Promise<void> {
    const running = [...this.live.keys()];
    let q = this.db
      .updateTable('import_jobs')
      .set({ status: 'failed', errors: JSON.stringify([importError('IMPORT_INTERRUPTED', 0, '')]), finished_at: new Date(), processed_rows: 0 })
      .where('status', 'in', ['queued', 'validating', 'importing']);
    if (running.length > 0) q = q.where('id', 'not in', running);
    await q.execute();
  }
}
