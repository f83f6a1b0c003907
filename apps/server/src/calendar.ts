import { CN_MAINLAND_CALENDAR, CoreError, canonicalize, parseHolidayYear, type HolidayCalendar, type HolidayYear, type JsonObject } from '@gongzhi/core';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';

/**
 * Holiday notices of years the release does not ship (the State Council publishes each year's in
 * November or December): an operator adds one with `gongzhi calendar add FILE`, it is stored in
 * `holiday_years` (migrations/0007) and loaded into the core's calendar by every process that
 * opens the database (createDeps), and by a running server every 15 minutes (server.ts).
 */
const CALENDAR_ID = CN_MAINLAND_CALENDAR.id;

/**
 * Loads the stored years into the calendar (the core's mainland calendar unless another is
 * given); returns the years that were new to it. A stored year the core refuses throws.
 */
export async function loadHolidayYears(db: Kysely<DB>, calendar: HolidayCalendar = CN_MAINLAND_CALENDAR): Promise<number[]> {
  const rows = await db.selectFrom('holiday_years').select(['year', 'data']).where('calendar_id', '=', calendar.id).orderBy('year').execute();
  const added: number[] = [];
  for (const r of rows) {
    const data = parseHolidayYear(typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
    if (calendar.addYear(data) === 'added') added.push(data.year);
  }
  return added;
}

export interface CalendarYearInfo {
  year: number;
  /** built into the release, or added by an operator */
  origin: 'release' | 'added';
  /** when it was stored in this database (null for a release year) */
  title: string;
  issued: string;
  source: string;
  addedAt: string | null;
}

/** Every year the calendar knows (after loading the stored ones), oldest first. */
export async function listHolidayYears(db: Kysely<DB>): Promise<CalendarYearInfo[]> {
  await loadHolidayYears(db);
  const stored = new Map((await db.selectFrom('holiday_years').select(['year', 'added_at']).where('calendar_id', '=', CALENDAR_ID).execute()).map((r) => [r.year, r.added_at]));
  return CN_MAINLAND_CALENDAR.knownYears.map((year) => {
    const y = CN_MAINLAND_CALENDAR.year(year)!;
    const at = stored.get(year);
    return { year, origin: CN_MAINLAND_CALENDAR.isBuiltIn(year) ? 'release' : 'added', title: y.notice.title, issued: y.notice.issued, source: y.notice.source, addedAt: at ? at.toISOString() : null };
  });
}

/**
 * Checks a year's notice (parseHolidayYear), and stores it with its audit record in one
 * transaction. 'known': the same year with the same data is there already (built in or stored).
 * A year known with different data is refused (CALENDAR_YEAR_CONFLICT); so is invalid data
 * (CALENDAR_DATA_INVALID). Nothing is written then.
 */
export async function addHolidayYear(db: Kysely<DB>, json: unknown): Promise<{ year: number; outcome: 'added' | 'known' }> {
  const data = parseHolidayYear(json);
  await loadHolidayYears(db);
  const had = CN_MAINLAND_CALENDAR.year(data.year);
  if (had) {
    if (same(had, data)) return { year: data.year, outcome: 'known' };
    // the core names the conflict in both languages
    CN_MAINLAND_CALENDAR.addYear(data);
  }
  const inserted = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('holiday_years')
      .values({ calendar_id: CALENDAR_ID, year: data.year, data: JSON.stringify(data) })
      .onConflict((oc) => oc.columns(['calendar_id', 'year']).doNothing())
      .returning('year')
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, { actorId: null, action: 'calendar.year_add', entity: 'holiday_year', entityId: `${CALENDAR_ID}:${data.year}`, after: { year: data.year, notice: data.notice, via: 'cli' } });
    return true;
  });
  if (!inserted) {
    // another process stored the year meanwhile: the same data, or a conflict
    const stored = await db.selectFrom('holiday_years').select('data').where('calendar_id', '=', CALENDAR_ID).where('year', '=', data.year).executeTakeFirstOrThrow();
    const other = parseHolidayYear(typeof stored.data === 'string' ? JSON.parse(stored.data) : stored.data);
    if (!same(other, data)) throw new CoreError('CALENDAR_YEAR_CONFLICT', `${data.year} 年的节假日安排已有不同的数据，不能替换`, `the holiday arrangement of ${data.year} is already stored with different data; it cannot be replaced`);
    CN_MAINLAND_CALENDAR.addYear(other);
    return { year: data.year, outcome: 'known' };
  }
  CN_MAINLAND_CALENDAR.addYear(data);
  return { year: data.year, outcome: 'added' };
}

const same = (a: HolidayYear, b: HolidayYear): boolean => canonicalize(a as unknown as JsonObject) === canonicalize(b as unknown as JsonObject);
