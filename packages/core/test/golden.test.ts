import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIONAL_PROFILE, recountBundle } from '../src/index';

/**
 * Golden files: each bundle X.json has X.expect.json = { exit, args, result }, as in
 * shared/spec/examples. The spec's own examples are copied into fixtures/spec-examples so the
 * suite stands alone; fixtures/golden holds ours, whose expected output was worked out by hand.
 */
const sets = ['spec-examples', 'golden'].map((name) => new URL(`./fixtures/${name}/`, import.meta.url));

for (const dir of sets) {
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
  describe(`recount JSON of ${dir.pathname.split('/').slice(-2, -1)[0] ?? ''}`, () => {
    it('has cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    it.each(cases)('%s', (file) => {
      const bundle = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as unknown;
      const expected = JSON.parse(readFileSync(new URL(file.replace(/\.json$/, '.expect.json'), dir), 'utf8')) as { exit: number; result: unknown };
      expect(expected.exit).toBe(0);
      const outcome = recountBundle(bundle, NATIONAL_PROFILE);
      expect(outcome.status).toBe('counted');
      if (outcome.status !== 'counted') return;
      expect(JSON.parse(JSON.stringify(outcome.json))).toEqual(expected.result);
    });
  });
}
