import { CoreError } from '../errors';

/** A computation needs the holiday arrangement of a year the calendar has no data for. */
export class CalendarYearUnknownError extends CoreError<'CALENDAR_YEAR_UNKNOWN'> {
  readonly year: number;
  constructor(year: number, knownYears: readonly number[], date: string) {
    const known = knownYears.join(', ') || '—';
    super(
      'CALENDAR_YEAR_UNKNOWN',
      `缺少 ${year} 年的国务院节假日安排数据（计算日期 ${date} 时需要），无法确定法定休假日；已有年份：${known}。请管理员用 gongzhi calendar add 加入该年的官方通知数据。`,
      `no State Council holiday arrangement for ${year} (needed for ${date}), so public holidays cannot be determined; known years: ${known}. An administrator adds that year's official notice with gongzhi calendar add.`,
    );
    this.year = year;
  }
}
