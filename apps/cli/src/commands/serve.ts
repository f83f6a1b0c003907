import { EXIT, type Command } from '../io';
import { applyDataDir, intOption, parseArgs, UsageError } from '../args';
import { loadCliConfig } from './database';

export const serve: Command = {
  name: 'serve',
  summary: '启动平台 start the platform (PGlite in ./data, or DATABASE_URL)',
  usage: `gongzhi serve [--port N] [--data DIR] [--demo | --no-demo]

Starts the HTTP server and the web app on http://localhost:3000 (PORT or --port to change).
Without DATABASE_URL the embedded PostgreSQL (PGlite) in ./data is used (GONGZHI_DATA_DIR or --data
to move it), and demo mode is on: an empty database gets the demo city. With DATABASE_URL demo mode
is off unless --demo (or GONGZHI_DEMO=1) is given.`,
  async run(args, io) {
    let port: number | undefined;
    let p;
    try {
      p = parseArgs(args, { flags: ['demo', 'no-demo'], values: ['port', 'data'] });
      port = intOption(p, 'port');
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`gongzhi serve: ${e.message}\n${this.usage}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    const env = { ...io.env };
    if (port !== undefined) env.PORT = String(port);
    applyDataDir(p, env);
    if (p.options.has('demo')) env.GONGZHI_DEMO = '1';
    if (p.options.has('no-demo')) env.GONGZHI_DEMO = '0';
    const config = await loadCliConfig('serve', env, io);
    if (typeof config === 'number') return config;
    // Loaded here, not at the top: other commands (recount) must not pay for the server.
    const { startServer } = await import('@gongzhi/server');
    await startServer(config, { handleSignals: true, log: (m) => io.err(`${m}\n`) });
    // Runs until a signal closes it.
    await new Promise<never>(() => {});
    return EXIT.ok;
  },
};
