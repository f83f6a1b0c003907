// The recount benchmark (issue 3): wall time of the WHOLE PROCESS
//   node bin/gongzhi.js recount FILE --json
// on a 20,000-unit bundle with ~30,000 ballots, against a baseline process that only reads and
// JSON.parses the same file. Usage:
//   node bench/recount/run.mjs [--runs 7] [--file PATH] [--regenerate] [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const runs = Number(option('--runs', '7'));
const file = path.resolve(option('--file', path.join(root, '.tmp/bench/recount-20k.json')));

function run(cmd, args, what) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    console.error(`${what} failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  return { ms, stdout: r.stdout };
}

if (!existsSync(file) || argv.includes('--regenerate')) {
  mkdirSync(path.dirname(file), { recursive: true });
  const g = run(process.execPath, ['--import', 'tsx', path.join(root, 'bench/recount/generate.ts'), file], 'generate');
  process.stdout.write(g.stdout);
}
if (!argv.includes('--no-build')) run(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], 'build');

const recount = [path.join(root, 'bin/gongzhi.js'), 'recount', file, '--json'];
const baseline = ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`];

// Check the output once, and warm the file cache.
const first = JSON.parse(run(process.execPath, recount, 'recount').stdout);
run(process.execPath, baseline, 'baseline');

const loadBefore = loadavg()[0];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
};
const times = { recount: [], baseline: [] };
for (let i = 0; i < runs; i++) {
  // Alternate, so that load from other work on the machine hits both alike.
  times.baseline.push(run(process.execPath, baseline, 'baseline').ms);
  times.recount.push(run(process.execPath, recount, 'recount').ms);
}
const r = stats(times.recount);
const b = stats(times.baseline);
const fmt = (ms) => `${ms.toFixed(0)} ms`;
const bundle = JSON.parse(readFileSync(file, 'utf8'));
const shape = `${bundle.holders.length} holders, ${bundle.units.length} units, ${bundle.motions.length} motions, ${bundle.ballots.length} ballots; ${first.motions.length} motions counted`;
console.log(`\nbundle: ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB): ${shape}; ${runs} runs each; node ${process.version}; ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log('| process | median | min | max |');
console.log('|---|---|---|---|');
console.log(`| \`node bin/gongzhi.js recount FILE --json\` | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} |`);
console.log(`| baseline: \`node -e\` read + JSON.parse only | ${fmt(b.median)} | ${fmt(b.min)} | ${fmt(b.max)} |`);
console.log(`\nratio recount / baseline (medians): ${(r.median / b.median).toFixed(2)}`);
