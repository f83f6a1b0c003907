import { HolidayCalendar } from './holiday-calendar';
import type { HolidayYear } from './holiday-data';
import y2024 from './holidays/2024.json';
import y2025 from './holidays/2025.json';
import y2026 from './holidays/2026.json';

/**
 * The mainland-China calendar, from the State Council's notices. A release adds a year by adding
 * its JSON file and importing it here; an operator adds one without a release with
 * `gongzhi calendar add` (stored in the database, loaded with `addYear`). (The 2027 notice was not
 * available when this was written.)
 */
export const CN_MAINLAND_CALENDAR = new HolidayCalendar('cn-mainland', [y2024, y2025, y2026] as HolidayYear[]);
