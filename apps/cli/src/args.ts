/** A small, strict argument parser: `--flag`, `--key value`, `--key=value`, positionals. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], spec: { flags?: string[]; values?: string[] }): ParsedArgs {
  const flags = new Set(spec.flags ?? []);
  const values = new Set(spec.values ?? []);
  const out: ParsedArgs = { positionals: [], options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (flags.has(name) && eq < 0) out.options.set(name, true);
      else if (values.has(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        out.options.set(name, v);
      } else throw new UsageError(`unknown option --${name}`);
    } else out.positionals.push(a);
  }
  return out;
}

export function intOption(p: ParsedArgs, name: string): number | undefined {
  const v = p.options.get(name);
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v)) throw new UsageError(`--${name} needs a whole number`);
  return Number(v);
}

/** `--data DIR`: the PGlite folder for this run, passed on as GONGZHI_DATA_DIR (as the server reads it). */
export function applyDataDir(p: ParsedArgs, env: NodeJS.ProcessEnv): void {
  const data = p.options.get('data');
  if (typeof data === 'string') env.GONGZHI_DATA_DIR = data;
}
