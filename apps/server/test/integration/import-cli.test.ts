import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../../cli/src/commands/import';
import { exportCommand } from '../../../cli/src/commands/export';
import type { CliIO } from '../../../cli/src/io';
import { loadConfig } from '../../src/config';
import { openPlatformDatabase } from '../../src/platform';
import { generateOwnerList, writeOwnerListCsv, writeOwnerListXlsx } from '../../src/registry/index';

// The CLI on its own PGlite folder, as an operator runs it (DATABASE_URL is not passed on).
let dir: string;
let env: NodeJS.ProcessEnv;
let estateId: number;

function io(): CliIO & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', env, cwd: dir, out: (t: string) => void (o.stdout += t), err: (t: string) => void (o.stderr += t) };
  return o;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-import-cli-'));
  env = { GONGZHI_DATA_DIR: path.join(dir, 'data'), GONGZHI_LOG_LEVEL: 'silent' };
  const database = await openPlatformDatabase(loadConfig(env));
  try {
    const db = database.db;
    const chain: Array<{ id: number; path: string }> = [];
    for (const [level, name] of [['city', '市'], ['district', '区'], ['subdistrict', '街道'], ['neighborhood', '社区']] as const) {
      const parent = chain[chain.length - 1];
      const row = await db.insertInto('jurisdictions').values({ parent_id: parent?.id ?? null, level, name, path: '' }).returning('id').executeTakeFirstOrThrow();
      const nodePath: string = `${parent?.path ?? '/'}${row.id}/`;
      await db.updateTable('jurisdictions').set({ path: nodePath }).where('id', '=', row.id).execute();
      chain.push({ id: row.id, path: nodePath });
    }
    estateId = (await db.insertInto('estates').values({ neighborhood_id: chain[3]!.id, name: '命令行小区' }).returning('id').executeTakeFirstOrThrow()).id;
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = generateOwnerList({ buildings: 2, entrancesPerBuilding: 2, floors: 6, unitsPerFloor: 4, seed: 9 });

describe('gongzhi import / export', () => {
  it('prints every row error and exits 2 with nothing imported', async () => {
    const bad = rows.map((r, i) => (i === 3 ? { ...r, area: '12.345' } : i === 7 ? { ...r, kind: 'parking' as const, area: '-1' } : r));
    writeFileSync(path.join(dir, 'bad.csv'), writeOwnerListCsv(bad));
    const o = io();
    expect(await importCommand.run(['--estate', String(estateId), 'bad.csv'], o)).toBe(2);
    expect(o.stderr).toContain('第 5 行 row 5 · 专有部分面积(㎡) · ROW_AREA_DECIMALS · 面积最多保留两位小数（当前为 12.345） / The area may have at most two decimals (it is 12.345)');
    expect(o.stderr).toContain('第 9 行 row 9 · 专有部分面积(㎡) · ROW_NEGATIVE_AREA');
    expect(o.stderr).toContain('共 2 个错误，未导入任何数据');
    expect(o.stdout).toBe('');
  });

  it('imports, prints the summary and exits 0; progress goes to stderr', async () => {
    writeFileSync(path.join(dir, 'list.xlsx'), await writeOwnerListXlsx(rows));
    const o = io();
    expect(await importCommand.run([`--estate=${estateId}`, 'list.xlsx'], o)).toBe(0);
    expect(o.stdout).toContain('导入完成 Imported: 命令行小区');
    expect(o.stdout).toMatch(/新建房屋 units created\s+96\n/);
    expect(o.stdout).toMatch(/新建楼栋 buildings created\s+2/);
    expect(o.stderr).toMatch(/100% 写入 importing/);
  });

  it('exports (masked by default, logged) and the export re-imports unchanged', async () => {
    const o = io();
    expect(await exportCommand.run(['--estate', String(estateId)], o)).toBe(0);
    const file = path.join(dir, `estate-${estateId}-registry.xlsx`);
    expect(existsSync(file)).toBe(true);
    expect(o.stdout).toContain(file);
    const again = io();
    expect(await importCommand.run(['--estate', String(estateId), file], again)).toBe(0);
    expect(again.stdout).toMatch(/未变房屋 units unchanged\s+96\n/);
    const p = io();
    expect(await exportCommand.run(['--estate', String(estateId), '--out', 'personal.xlsx', '--personal'], p)).toBe(0);
    expect(existsSync(path.join(dir, 'personal.xlsx'))).toBe(true);
    expect(p.stdout).toContain('names and phones in clear');
  });

  it('refuses unknown estates, new buildings unless allowed, and bad usage', async () => {
    const o = io();
    expect(await importCommand.run(['--estate', '999999', 'list.xlsx'], o)).toBe(2);
    expect(o.stderr).toContain('estate 999999 not found');
    expect(await exportCommand.run(['--estate', '999999'], io())).toBe(2);

    writeFileSync(path.join(dir, 'new.xlsx'), await writeOwnerListXlsx([{ ...rows[0]!, building: '9号楼', number: '9-1-101' }]));
    const n = io();
    expect(await importCommand.run(['--estate', String(estateId), 'new.xlsx'], n)).toBe(2);
    expect(n.stderr).toContain('ROW_UNKNOWN_BUILDING');
    expect(await importCommand.run(['--estate', String(estateId), 'new.xlsx', '--allow-new-buildings'], io())).toBe(0);

    for (const args of [[], ['list.xlsx'], ['--estate', 'x', 'list.xlsx'], ['--estate', '1'], ['--estate', '1', 'a', 'b'], ['--estate', '1', '--bogus', 'a']]) {
      const u = io();
      expect(await importCommand.run(args, u)).toBe(2);
      expect(u.stderr).toContain('Usage: gongzhi import');
    }
    const m = io();
    expect(await importCommand.run(['--estate', String(estateId), 'missing.xlsx'], m)).toBe(2);
    expect(m.stderr).toContain('cannot read');
    writeFileSync(path.join(dir, 'list.pdf'), 'x');
    expect(await importCommand.run(['--estate', String(estateId), 'list.pdf'], io())).toBe(2);
  });
});
