import type { Command } from '../io';
import { recount } from './recount';
import { serve } from './serve';
import { migrateCommand } from './migrate';
import { importCommand } from './import';
import { exportCommand } from './export';
import { exportBundleCommand, meetingsCommand, resultsCommand } from './meetings';
import { calendarCommand } from './calendar';

/** Every command of the gongzhi CLI, in the order `gongzhi --help` lists them. */
export const commands: Command[] = [serve, migrateCommand, importCommand, exportCommand, meetingsCommand, resultsCommand, exportBundleCommand, calendarCommand, recount];
