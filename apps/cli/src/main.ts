import { commands } from './commands/index';
import { processIO, type CliIO, EXIT } from './io';

function help(io: CliIO): void {
  io.out('gongzhi — 共治 owners\' self-governance platform\n\nUsage: gongzhi <command> [options]\n\nCommands:\n');
  for (const c of commands) io.out(`  ${c.name.padEnd(14)} ${c.summary}\n`);
  io.out('\nRun `gongzhi <command> --help` for the options of a command.\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? EXIT.ok : EXIT.usage;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`gongzhi: 未知命令 unknown command: ${name}\n`);
    help(io);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${cmd.usage}\n`);
    return EXIT.ok;
  }
  return cmd.run(rest, io);
}
