import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportSummary } from '@gongzhi/server';
import type { ImportRowErrorT } from '@gongzhi/contracts';
import { EXIT, processIO, type CliIO, type Command } from '../io';
import { applyDataDir, parseArgs, UsageError } from '../args';

const USAGE = `用法 Usage: gongzhi import --estate ID FILE [--allow-new-buildings] [--data DIR]

导入建设单位报送的业主清册（.xlsx 或 .csv，列见模板 /api/registry/template.xlsx 与 docs/import.md）。
文件有任何错误时不导入任何数据，并列出全部错误。再次导入按房号更新。
Imports the builder's owner list (.xlsx or .csv in the template's layout, see docs/import.md).
A file with any error imports nothing and every error is listed. A re-import updates by unit number.

  --estate ID              小区编号 the estate's id
  --allow-new-buildings    允许新增楼栋（首次导入后楼栋清单固定） allow buildings the estate does not have yet
  --data DIR               PGlite 数据目录（默认 ./data 或 GONGZHI_DATA_DIR） the PGlite folder

数据库：DATABASE_URL（PostgreSQL）或 PGlite。Database: DATABASE_URL (PostgreSQL) or PGlite.
退出码 Exit codes: 0 已导入 imported · 2 文件有错误、小区不存在或用法错误 errors in the file, unknown estate or bad usage · 1 其他失败 other failure`;

const SUMMARY_LINES: ReadonlyArray<[keyof ImportSummary, string]> = [
  ['unitsCreated', '新建房屋 units created'],
  ['unitsUpdated', '更新房屋 units updated'],
  ['unitsUnchanged', '未变房屋 units unchanged'],
  ['holdersCreated', '新增表决权人 holders created'],
  ['ownershipsChanged', '权属变更 ownerships changed'],
  ['buildingsCreated', '新建楼栋 buildings created'],
];

export function formatSummary(s: ImportSummary): string {
  const width = Math.max(...SUMMARY_LINES.map(([, l]) => l.length));
  return SUMMARY_LINES.map(([k, label]) => `  ${label.padEnd(width + 2)}${String(s[k]).padStart(8)}`).join('\n');
}

export function formatRowError(e: ImportRowErrorT): string {
  const where = e.row > 0 ? `第 ${e.row} 行 row ${e.row}` : '文件 file';
  return `${where}${e.column ? ` · ${e.column}` : ''} · ${e.code} · ${e.messageZh} / ${e.messageEn}`;
}

/** A progress bar on a terminal; elsewhere a line every 10%. */
export function progressReporter(io: CliIO, tty: boolean): { update(phase: 'validating' | 'importing', percent: number, processed: number, total: number): void; done(): void } {
  let lastStep = -1;
  let drawn = false;
  return {
    update(phase, percent, processed, total) {
      const label = phase === 'validating' ? '校验 validating' : '写入 importing';
      const counts = total > 0 ? ` ${processed.toLocaleString('en-US')}/${total.toLocaleString('en-US')}` : processed > 0 ? ` ${processed.toLocaleString('en-US')}` : '';
      if (tty) {
        const width = 30;
        const filled = Math.round((percent / 100) * width);
        io.err(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent.toFixed(0).padStart(3)}% ${label}${counts}\u001b[K`);
        drawn = true;
        return;
      }
      const step = Math.floor(percent / 10);
      if (step !== lastStep) {
        lastStep = step;
        io.err(`${percent.toFixed(0).padStart(3)}% ${label}${counts}\n`);
      }
    },
    done() {
      if (drawn) io.err('\n');
    },
  };
}

export const importCommand: Command = {
  name: 'import',
  summary: '导入业主清册 import an owner list (.xlsx/.csv)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let estateId: number;
    let file: string;
    let allowNewBuildings: boolean;
    const env = { ...io.env };
    try {
      const p = parseArgs(args, { flags: ['allow-new-buildings'], values: ['estate', 'data'] });
      const estate = p.options.get('estate');
      if (typeof estate !== 'string' || !/^[1-9]\d*$/.test(estate)) throw new UsageError('--estate ID is required (a positive whole number) / 需要 --estate 小区编号');
      if (p.positionals.length !== 1) throw new UsageError('give exactly one FILE / 请给出一个文件');
      estateId = Number(estate);
      file = path.resolve(io.cwd, p.positionals[0]!);
      allowNewBuildings = p.options.has('allow-new-buildings');
      applyDataDir(p, env);
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`gongzhi import: ${e.message}\n\n${USAGE}\n`);
        return EXIT.usage;
      }
      throw e;
    }

    // the server is loaded only when needed (the CLI starts fast for other commands)
    const { AppError, ConfigError, createDeps, importOwnerList, loadConfig, openPlatformDatabase } = await import('@gongzhi/server');
    let buffer: Buffer;
    try {
      buffer = await readFile(file);
    } catch (e) {
      io.err(`gongzhi import: 无法读取文件 cannot read ${file}: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    let config;
    try {
      config = loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`gongzhi import: ${e.message}\n`);
        return EXIT.usage;
      }
      throw e;
    }

    const database = await openPlatformDatabase(config);
    const progress = progressReporter(io, io === processIO && Boolean(process.stderr.isTTY));
    try {
      const deps = await createDeps(database, config, () => {});
      const estate = await database.db.selectFrom('estates').select(['id', 'name']).where('id', '=', estateId).executeTakeFirst();
      if (!estate) {
        io.err(`gongzhi import: 小区不存在 estate ${estateId} not found\n`);
        return EXIT.usage;
      }
      const started = performance.now();
      const result = await importOwnerList(database.db, {
        estateId,
        fileName: path.basename(file),
        buffer,
        actorId: null,
        idKey: deps.idKey,
        allowNewBuildings,
        onProgress: (p) => progress.update(p.phase, p.percent, p.processed, p.total),
      });
      progress.done();
      if (!result.ok) {
        for (const e of result.errors) io.err(`${formatRowError(e)}\n`);
        io.err(`\n共 ${result.errors.length} 个错误，未导入任何数据。${result.errors.length} error(s); nothing was imported.\n`);
        return EXIT.usage;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.out(`导入完成 Imported: ${estate.name} (estate ${estate.id}) ← ${path.basename(file)} (${seconds} s)\n${formatSummary(result.summary)}\n`);
      return EXIT.ok;
    } catch (e) {
      progress.done();
      if (e instanceof AppError) {
        io.err(`gongzhi import: ${e.code}: ${e.options.messageZh ?? ''} ${e.message}\n`);
        return e.code === 'UNSUPPORTED_FILE' || e.code === 'ESTATE_NOT_FOUND' ? EXIT.usage : EXIT.failure;
      }
      io.err(`gongzhi import: 导入失败，未导入任何数据 failed, nothing was imported: ${(e as Error).message}\n`);
      return EXIT.failure;
    } finally {
      await database.close();
    }
  },
};
