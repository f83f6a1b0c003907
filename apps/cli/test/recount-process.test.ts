import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPEC_EXAMPLES, scratchFile } from './helpers';

const root = path.resolve(import.meta.dirname, '../../..');

function gongzhi(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/gongzhi.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { exit: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the real process: node bin/gongzhi.js recount', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
  }, 150_000);

  it('exits 0 and prints exactly one JSON object with --json', () => {
    const run = gongzhi('recount', path.join(SPEC_EXAMPLES, 'election_tie_runoff.json'), '--json');
    const expected = JSON.parse(readFileSync(path.join(SPEC_EXAMPLES, 'election_tie_runoff.expect.json'), 'utf8')) as { result: unknown };
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(expected.result);
  });

  it('exits 3 naming the ballot whose choice was changed after hashing', () => {
    const bundle = JSON.parse(readFileSync(path.join(SPEC_EXAMPLES, 'simple_pass.json'), 'utf8')) as { ballots: Record<string, unknown>[] };
    bundle.ballots[1]!['choice'] = 'reject';
    const run = gongzhi('recount', scratchFile('process-tampered.json', JSON.stringify(bundle)), '--json');
    expect(run.exit).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('seq 2 (index 1, $.ballots[1])');
  });

  it('exits 2 for a malformed bundle and for bad usage', () => {
    const run = gongzhi('recount', scratchFile('process-bad.json', '{"format":"x"}'));
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('$.format  BAD_FORMAT');
    expect(gongzhi('recount').exit).toBe(2);
  });
});
