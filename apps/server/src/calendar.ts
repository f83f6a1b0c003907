import { CN_MAINLAND_CALENDAR, parseHolidayYear, type HolidayCalendar, type HolidayYear } from '@gongzhi/core';
import { inTransaction, sql, writeAudit, type DB, type Kysely } from '@gongzhi/db';

/**
 * Holiday notices of years the release does not ship (the State Council publishes each year's in
 * November or December): an operator adds one with `gongzhi calendar add FILE` (or a platform
 * administrator in the console: POST /api/calendar/years, routes/calendar.ts), it is stored in
 * `holiday_years` (migrations/0007) and loaded into the core's calendar by every process that
 * opens the database (createDeps), and by a running server every 15 minutes (server.ts).
 */
const CALENDAR_ID = CN_MAINLAND_CALENDAR.id;

/** The stored years of a calendar, parsed (a stored year the core refuses throws). */
async function storedYears(db: Kysely<DB>, calendarId: string): Promise<Array<{ data: HolidayYear; addedAt: Date }>> {
  const rows = await db.selectFrom('holiday_years').select(['data', 'added_at']).where('calendar_id', '=', calendarId).orderBy('year').execute();
  return rows.map((r) => ({ data: parseHolidayYear(typeof r.data === 'string' ? JSON.parse(r.data) : r.data), addedAt: r.added_at }));
}

/**
 * Loads the stored years into the calendar (the core's mainland calendar unless another is
 * given); returns the years that were new to it. A stored year the core refuses throws.
 */
export async function loadHolidayYears(db: Kysely<DB>, calendar: HolidayCalendar = CN_MAINLAND_CALENDAR): Promise<number[]> {
  const added: number[] = [];
  for (const { data } of await storedYears(db, calendar.id)) {
    if (calendar.addYear(data) === 'added') added.push(data.year);
  }
  return added;
}

export interface CalendarYearInfo {
  year: number;
  /** built into the release, or added by an operator */
  origin: 'release' | 'added';
  title: string;
  issued: string;
  source: string;
  /** when it was stored in this database (null for a release year) */
  addedAt: string | null;
}

/** Every year the calendar knows (after loading the stored ones), oldest first. */
export async function listHolidayYears(db: Kysely<DB>): Promise<CalendarYearInfo[]> {
  const stored = new Map<number, Date>();
  for (const { data, addedAt } of await storedYears(db, CALENDAR_ID)) {
    CN_MAINLAND_CALENDAR.addYear(data);
    stored.set(data.year, addedAt);
  }
  return CN_MAINLAND_CALENDAR.knownYears.map((year) => {
    const y = CN_MAINLAND_CALENDAR.year(year)!;
    const at = stored.get(year);
    return { year, origin: CN_MAINLAND_CALENDAR.isBuiltIn(year) ? 'release' : 'added', title: y.notice.title, issued: y.notice.issued, source: y.notice.source, addedAt: at ? at.toISOString() : null };
  });
}

/**
 * Checks a year's notice (parseHolidayYear), and stores it with its audit record in one
 * transaction. 'known': the same year with the same data is there already (built in or stored).
 * A year known with different data is refused (CALENDAR_YEAR_CONFLICT, from the core's
 * HolidayCalendar.addYear); so is invalid data (CALENDAR_DATA_INVALID). Nothing is written then.
 * Two adders at once (two administrators, the console and the CLI, two servers) take turns: the
 * transaction locks the table against other adders (not against readers) before it reads what is
 * stored, so the second sees the first's year and answers 'known' or the conflict.
 */
export async function addHolidayYear(
  db: Kysely<DB>,
  json: unknown,
  /** who added it: an administrator in the console (else the CLI, an operator on the machine) */
  by?: { accountId: number; ip: string; requestId: string },
): Promise<{ year: number; outcome: 'added' | 'known' }> {
  const data = parseHolidayYear(json);
  const outcome = await inTransaction(db, async (trx) => {
    await sql`lock table holiday_years in share row exclusive mode`.execute(trx);
    await loadHolidayYears(trx);
    // a year already known (built in or stored): 'known' for the same data, else the core's conflict
    if (CN_MAINLAND_CALENDAR.year(data.year)) return CN_MAINLAND_CALENDAR.addYear(data);
    await trx.insertInto('holiday_years').values({ calendar_id: CALENDAR_ID, year: data.year, data: JSON.stringify(data) }).execute();
    await writeAudit(trx, {
      actorId: by?.accountId ?? null,
      action: 'calendar.year_add',
      entity: 'holiday_year',
      entityId: `${CALENDAR_ID}:${data.year}`,
      after: { year: data.year, notice: data.notice, via: by ? 'web' : 'cli' },
      ...(by ? { ip: by.ip, requestId: by.requestId } : {}),
    });
    return 'added' as const;
  });
  // in force in this process once committed (other processes load it from the table)
  if (outcome === 'added') CN_MAINLAND_CALENDAR.addYear(data);
  return { year: data.year, outcome };
}
