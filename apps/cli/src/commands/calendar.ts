import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, type CliIO, type Command } from '../io';
import { applyDataDir, parseArgs, UsageError } from '../args';
import { usageError, withDatabase } from './database';

const CALENDAR_USAGE = `用法 Usage: gongzhi calendar [list] [--json] [--data DIR]
           gongzhi calendar add FILE [--data DIR]

法定期限所用的节假日日历（国务院办公厅每年的节假日安排通知）。
The holiday calendar of statutory clocks (the State Council's yearly notice).

  list          列出已有年份 the years the calendar knows (built in or added)
  add FILE      加入一年的通知数据（JSON，格式同 packages/core/src/calendar/holidays/2026.json）；
                核对后与审计记录一并写入，同一年份不能替换为不同数据
                adds one year's notice (JSON, as packages/core/src/calendar/holidays/2026.json):
                checked, then stored with its audit record; a year is never replaced by other data
  --json        list 输出 JSON the list as JSON
  --data DIR    PGlite 数据目录 the PGlite folder

与服务器使用同一数据库（PGlite 时请先停止服务器；PostgreSQL 上运行中的服务器在 15 分钟内载入新年份）。
Uses the server's database (stop the server first on PGlite; on PostgreSQL a running server loads
a new year within 15 minutes).

退出码 Exit codes: 0 · 1 数据无效或与已有数据冲突 invalid data or a conflict · 2 用法错误 usage`;

export const calendarCommand: Command = {
  name: 'calendar',
  summary: '节假日日历 the holiday calendar of statutory clocks',
  usage: CALENDAR_USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const env = { ...io.env };
    let action: 'list' | 'add';
    let file: string | null = null;
    let json = false;
    try {
      const p = parseArgs(args, { flags: ['json'], values: ['data'] });
      const [verb = 'list', ...rest] = p.positionals;
      if (verb === 'list') {
        if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
        action = 'list';
      } else if (verb === 'add') {
        if (rest.length !== 1) throw new UsageError('add needs one FILE / add 需要一个文件');
        action = 'add';
        file = path.resolve(io.cwd, rest[0]!);
      } else throw new UsageError(`unknown action ${verb} (list, add)`);
      json = p.options.has('json');
      applyDataDir(p, env);
    } catch (e) {
      return usageError('calendar', CALENDAR_USAGE, io, e);
    }

    if (action === 'add') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file!, 'utf8'));
      } catch (e) {
        io.err(`gongzhi calendar: 无法读取 JSON 文件 cannot read the JSON file ${file}: ${(e as Error).message}\n`);
        return EXIT.failure;
      }
      const { addHolidayYear } = await import('@gongzhi/server');
      const { CoreError } = await import('@gongzhi/core');
      try {
        const r = await withDatabase('calendar', env, io, (db) => addHolidayYear(db, parsed));
        if (typeof r === 'number') return r;
        io.out(r.outcome === 'added' ? `已加入 ${r.year} 年节假日安排 added the holiday arrangement of ${r.year}\n` : `${r.year} 年已有相同数据，未改动 ${r.year} is already there with the same data; nothing changed\n`);
        return EXIT.ok;
      } catch (e) {
        if (e instanceof CoreError) {
          io.err(`gongzhi calendar: ${e.code}: ${e.message_zh}\n${e.message_en}\n`);
          return EXIT.failure;
        }
        throw e;
      }
    }

    const { listHolidayYears } = await import('@gongzhi/server');
    const years = await withDatabase('calendar', env, io, (db) => listHolidayYears(db));
    if (typeof years === 'number') return years;
    if (json) io.out(`${JSON.stringify(years)}\n`);
    else for (const y of years) io.out(`${y.year}\t${y.origin === 'release' ? '内置 release' : `加入 added ${y.addedAt}`}\t${y.title}（${y.issued}）\t${y.source}\n`);
    return EXIT.ok;
  },
};
