import type { Command } from '../io';
import { recount } from './recount';

/** Every command of the gongzhi CLI, in the order `gongzhi --help` lists them. */
export const commands: Command[] = [recount];
