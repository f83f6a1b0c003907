import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, type CliIO, type Command } from '../io';
import { applyDataDir, parseArgs, UsageError } from '../args';
import { usageError, withDatabase } from './database';

const positiveId = (s: string | undefined, what: string): number => {
  if (s === undefined || !/^[1-9]\d*$/.test(s)) throw new UsageError(`${what} must be a positive whole number / ${what} 须为正整数`);
  return Number(s);
};

const MEETINGS_USAGE = `用法 Usage: gongzhi meetings [--estate ID] [--json] [--data DIR]

列出业主大会会议。List the owners' assembly meetings.
与服务器使用同一数据库（PGlite 时请先停止服务器）。Uses the server's database (stop the server first on PGlite).

  --estate ID   只列该小区 only this estate
  --json        输出 JSON 数组 [{ "id", "estate", "title", "state" }]
  --data DIR    PGlite 数据目录 the PGlite folder`;

export const meetingsCommand: Command = {
  name: 'meetings',
  summary: '列出业主大会会议 list assembly meetings',
  usage: MEETINGS_USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const env = { ...io.env };
    let estateId: number | null = null;
    let json = false;
    try {
      const p = parseArgs(args, { flags: ['json'], values: ['estate', 'data'] });
      if (p.positionals.length > 0) throw new UsageError(`unexpected argument ${p.positionals[0]}`);
      const e = p.options.get('estate');
      if (e !== undefined) estateId = positiveId(typeof e === 'string' ? e : undefined, '--estate');
      json = p.options.has('json');
      applyDataDir(p, env);
    } catch (e) {
      return usageError('meetings', MEETINGS_USAGE, io, e);
    }
    const out = await withDatabase('meetings', env, io, async (db) => {
      let q = db.selectFrom('meetings as m').innerJoin('estates as e', 'e.id', 'm.estate_id').select(['m.id', 'm.estate_id', 'e.name', 'm.title', 'm.state', 'm.opens_at', 'm.closes_at']);
      if (estateId !== null) q = q.where('m.estate_id', '=', estateId);
      return q.orderBy('m.estate_id').orderBy('m.id').execute();
    });
    if (typeof out === 'number') return out;
    if (json) {
      io.out(`${JSON.stringify(out.map((m) => ({ id: String(m.id), estate: String(m.estate_id), title: m.title, state: m.state })))}\n`);
    } else if (out.length === 0) {
      io.out('没有会议 no meetings\n');
    } else {
      for (const m of out) io.out(`${m.id}\t${m.state}\t${m.name}\t${m.title}\t${m.opens_at.toISOString()} – ${m.closes_at.toISOString()}\n`);
    }
    return EXIT.ok;
  },
};

const RESULTS_USAGE = `用法 Usage: gongzhi results MEETING [--json] [--data DIR]

平台存储的表决结果，与 gongzhi recount --json 的输出格式完全相同（gongzhi.recount/1）。
The platform's stored result, in exactly the output format of gongzhi recount --json.

退出码 Exit codes: 0 · 2 会议不存在或尚无结果 unknown meeting or no result yet`;

export const resultsCommand: Command = {
  name: 'results',
  summary: '会议的表决结果 a meeting\'s stored result',
  usage: RESULTS_USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const env = { ...io.env };
    let meetingId: number;
    let json = false;
    try {
      const p = parseArgs(args, { flags: ['json'], values: ['data'] });
      if (p.positionals.length !== 1) throw new UsageError('one MEETING id is required / 需要一个会议编号');
      meetingId = positiveId(p.positionals[0], 'MEETING');
      json = p.options.has('json');
      applyDataDir(p, env);
    } catch (e) {
      return usageError('results', RESULTS_USAGE, io, e);
    }
    const out = await withDatabase('results', env, io, async (db) => {
      const m = await db.selectFrom('meetings').select(['estate_id', 'title', 'state']).where('id', '=', meetingId).executeTakeFirst();
      if (!m) return { error: `会议不存在 meeting ${meetingId} not found` };
      const rows = await db.selectFrom('meeting_results').selectAll().where('estate_id', '=', m.estate_id).where('meeting_id', '=', meetingId).execute();
      const r = rows.find((x) => x.stage === 'final') ?? rows.find((x) => x.stage === 'preliminary');
      if (!r) return { error: `会议 ${meetingId}（${m.state}）尚无表决结果 / meeting ${meetingId} (${m.state}) has no result yet` };
      return { title: m.title, stage: r.stage, json: r.recount_json, head: r.chain_head, ballots: r.ballot_count };
    });
    if (typeof out === 'number') return out;
    if ('error' in out) {
      io.err(`gongzhi results: ${out.error}\n`);
      return EXIT.usage;
    }
    if (json) {
      io.out(`${out.json}\n`);
      return EXIT.ok;
    }
    const r = JSON.parse(out.json) as { motions: Array<{ id: string; result: string; quorum: boolean; participated: { area: string; holders: number }; eligible: { area: string; holders: number } }> };
    io.out(`${out.title}（${out.stage === 'final' ? '最终 final' : '初步 preliminary'}）\n链头 chain head: ${out.head}\n选票 ballots: ${out.ballots}\n`);
    for (const m of r.motions) io.out(`  ${m.id}: ${m.result}  参与 participated ${m.participated.holders}/${m.eligible.holders} 户, ${m.participated.area}/${m.eligible.area} m²\n`);
    return EXIT.ok;
  },
};

const EXPORT_USAGE = `用法 Usage: gongzhi export-bundle MEETING [--out FILE] [--data DIR]

导出会议的表决数据包（gongzhi.ballot-bundle/1），不带 --out 时写到标准输出。
Exports the meeting's ballot bundle; to stdout without --out. Every export is logged.

退出码 Exit codes: 0 · 2 会议不存在或尚未结束投票 unknown meeting or voting not closed`;

export const exportBundleCommand: Command = {
  name: 'export-bundle',
  summary: '导出表决数据包 export a meeting\'s ballot bundle',
  usage: EXPORT_USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const env = { ...io.env };
    let meetingId: number;
    let out: string | null = null;
    try {
      const p = parseArgs(args, { flags: [], values: ['out', 'data'] });
      if (p.positionals.length !== 1) throw new UsageError('one MEETING id is required / 需要一个会议编号');
      meetingId = positiveId(p.positionals[0], 'MEETING');
      const o = p.options.get('out');
      if (typeof o === 'string') out = path.resolve(io.cwd, o);
      applyDataDir(p, env);
    } catch (e) {
      return usageError('export-bundle', EXPORT_USAGE, io, e);
    }
    const { buildBundle, loadMeeting } = await import('@gongzhi/server');
    const { inTransaction, writeAudit } = await import('@gongzhi/db');
    const res = await withDatabase('export-bundle', env, io, async (db) => {
      const row = await db.selectFrom('meetings').select(['estate_id', 'state']).where('id', '=', meetingId).executeTakeFirst();
      if (!row) return { error: `会议不存在 meeting ${meetingId} not found` };
      if (!['closed', 'final', 'archived'].includes(row.state)) return { error: `会议 ${meetingId} 尚未结束投票（${row.state}）/ voting of meeting ${meetingId} has not closed (${row.state})` };
      const bundle = await buildBundle(db, await loadMeeting(db, row.estate_id, meetingId));
      await inTransaction(db, (trx) => writeAudit(trx, { actorId: null, action: 'bundle.export', entity: 'meeting', entityId: meetingId, estateId: row.estate_id, after: { via: 'cli' } }));
      return { text: `${JSON.stringify(bundle)}\n` };
    });
    if (typeof res === 'number') return res;
    if ('error' in res) {
      io.err(`gongzhi export-bundle: ${res.error}\n`);
      return EXIT.usage;
    }
    if (out) {
      await writeFile(out, res.text);
      io.err(`gongzhi export-bundle: ${out}\n`);
    } else {
      io.out(res.text);
    }
    return EXIT.ok;
  },
};
