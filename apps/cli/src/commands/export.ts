import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, type CliIO, type Command } from '../io';
import { applyDataDir, parseArgs, UsageError } from '../args';

const USAGE = `用法 Usage: gongzhi export --estate ID [--out FILE] [--personal] [--data DIR]

导出小区的业主清册（.xlsx：业主清册〔与导入模板同一格式，可再次导入〕、表决权人、汇总）。
证件号码始终脱敏；姓名与手机号默认脱敏，--personal 时不脱敏。每次导出都记入审计日志。
Exports the estate's registry as .xlsx (owner list in the import template's layout, holders,
summary). ID numbers are always masked; names and phones too unless --personal. Every export is
written to the audit log.

  --estate ID     小区编号 the estate's id
  --out FILE      输出文件（默认 estate-<ID>-registry.xlsx） output file
  --personal      姓名、手机号不脱敏 names and phones in clear
  --data DIR      PGlite 数据目录 the PGlite folder

退出码 Exit codes: 0 已导出 exported · 2 小区不存在或用法错误 unknown estate or bad usage · 1 其他失败 other failure`;

export const exportCommand: Command = {
  name: 'export',
  summary: '导出业主清册 export an estate\'s registry (.xlsx)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let estateId: number;
    let out: string;
    let personal: boolean;
    const env = { ...io.env };
    try {
      const p = parseArgs(args, { flags: ['personal'], values: ['estate', 'out', 'data'] });
      const estate = p.options.get('estate');
      if (typeof estate !== 'string' || !/^[1-9]\d*$/.test(estate)) throw new UsageError('--estate ID is required (a positive whole number) / 需要 --estate 小区编号');
      if (p.positionals.length > 0) throw new UsageError(`unexpected argument ${p.positionals[0]}`);
      estateId = Number(estate);
      const o = p.options.get('out');
      out = path.resolve(io.cwd, typeof o === 'string' ? o : `estate-${estateId}-registry.xlsx`);
      personal = p.options.has('personal');
      applyDataDir(p, env);
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`gongzhi export: ${e.message}\n\n${USAGE}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    // the server is loaded only when needed (the CLI starts fast for other commands)
    const { inTransaction, writeAudit } = await import('@gongzhi/db');
    const { ConfigError, exportRegistryXlsx, loadConfig, openPlatformDatabase } = await import('@gongzhi/server');
    let config;
    try {
      config = loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`gongzhi export: ${e.message}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    const database = await openPlatformDatabase(config);
    try {
      const db = database.db;
      const estate = await db.selectFrom('estates').select(['id', 'name']).where('id', '=', estateId).executeTakeFirst();
      if (!estate) {
        io.err(`gongzhi export: 小区不存在 estate ${estateId} not found\n`);
        return EXIT.usage;
      }
      const buffer = await exportRegistryXlsx(db, estateId, { personal });
      // access to an owner list is logged
      await inTransaction(db, (trx) =>
        writeAudit(trx, {
          actorId: null, action: 'registry.export', entity: 'estate', entityId: estateId, estateId,
          after: { personal, via: 'cli', file: path.basename(out), bytes: buffer.length },
        }),
      );
      await writeFile(out, buffer);
      io.out(`已导出 Exported: ${estate.name} (estate ${estate.id}) → ${out} (${buffer.length.toLocaleString('en-US')} bytes${personal ? '；含未脱敏姓名与手机号 names and phones in clear' : ''})\n`);
      return EXIT.ok;
    } catch (e) {
      io.err(`gongzhi export: 导出失败 failed: ${(e as Error).message}\n`);
      return EXIT.failure;
    } finally {
      await database.close();
    }
  },
};
