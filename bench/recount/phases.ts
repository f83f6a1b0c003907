// In-process breakdown of a recount (where the time goes), for the benchmark notes. Each phase
// runs `--repeat` times (default 5) and the fastest run is shown, to see through load from other
// work on the machine. Usage: node --import tsx bench/recount/phases.ts FILE [--repeat N]
import { readFileSync } from 'node:fs';
import { NATIONAL_PROFILE, type Bundle, countBundle, toRecountJson, validateBundle, verifyBallotChain } from '@gongzhi/core';

const file = process.argv[2];
if (!file) throw new Error('usage: phases.ts FILE [--repeat N]');
const r = process.argv.indexOf('--repeat');
const repeat = r > 0 ? Number(process.argv[r + 1]) : 5;

function fastest<T>(work: () => T): { ms: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let value = work();
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = work();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, value };
}

const text = fastest(() => readFileSync(file, 'utf8'));
const json = fastest(() => JSON.parse(text.value) as unknown);
const validation = fastest(() => validateBundle(json.value));
if (!validation.value.ok) throw new Error('invalid bundle');
const bundle: Bundle = validation.value.bundle;
const chain = fastest(() => verifyBallotChain(bundle));
if (!chain.value.ok) throw new Error('broken chain');
const count = fastest(() => JSON.stringify(toRecountJson(countBundle(bundle, NATIONAL_PROFILE))));
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(
  `read ${ms(text.ms)} · JSON.parse ${ms(json.ms)} · validate ${ms(validation.ms)} · verify chain ${ms(chain.ms)} · count + JSON ${ms(count.ms)} (fastest of ${repeat})`,
);
