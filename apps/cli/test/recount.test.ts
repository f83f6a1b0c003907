import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main';
import { GOLDEN, SPEC_EXAMPLES, captureIO, scratchFile } from './helpers';

interface Expectation {
  exit: number;
  args: string[];
  result: unknown;
}

const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { ballots: Record<string, unknown>[] };

async function recount(...args: string[]) {
  const io = captureIO();
  const exit = await main(['recount', ...args], io);
  return { exit, stdout: io.stdout, stderr: io.stderr };
}

describe('gongzhi recount FILE --json', () => {
  for (const dir of [SPEC_EXAMPLES, GOLDEN]) {
    const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
    it.each(cases)(`${path.basename(dir)}/%s prints the expected JSON`, async (file) => {
      const expected = JSON.parse(readFileSync(path.join(dir, file.replace(/\.json$/, '.expect.json')), 'utf8')) as Expectation;
      const run = await recount(path.join(dir, file), ...expected.args, '--json');
      expect(run.exit).toBe(expected.exit);
      expect(run.stderr).toBe('');
      expect(run.stdout.endsWith('\n')).toBe(true);
      expect(JSON.parse(run.stdout)).toEqual(expected.result);
    });
  }

  it('accepts --expect-head with the published head, in both spellings', async () => {
    const file = path.join(SPEC_EXAMPLES, 'simple_pass.json');
    const head = load(file)['chainHead'] as string;
    expect((await recount(file, '--json', '--expect-head', head)).exit).toBe(0);
    expect((await recount(`--expect-head=${head}`, file)).exit).toBe(0);
  });
});

describe('gongzhi recount FILE (report)', () => {
  it('prints a bilingual report with thresholds, percentages, quorum, tally and result', async () => {
    const run = await recount(path.join(SPEC_EXAMPLES, 'simple_pass.json'));
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('小区 Estate: 示例小区 (E1)');
    expect(run.stdout).toContain('门槛 Threshold: 双过半 majority');
    expect(run.stdout).toContain('> 1/2');
    expect(run.stdout).toContain('应参与 Eligible:      600.00 m² · 6 人 holders');
    expect(run.stdout).toContain('已参与 Participated:  400.00 m² (66.67%) · 4 人 holders (66.67%)');
    expect(run.stdout).toContain('参与表决 Quorum: 达到 met');
    expect(run.stdout).toContain('同意 approve:  300.00 m² (75.00%) · 3 人 holders (75.00%)');
    expect(run.stdout).toContain('结果 Result: 通过 PASSED');
  });

  it('reports elections with candidates, elected and runoff', async () => {
    const run = await recount(path.join(SPEC_EXAMPLES, 'election_tie_runoff.json'));
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('c1:  900.00 m² (90.00%) · 9 人 holders (90.00%)  ✓ 达到门槛 qualified');
    expect(run.stdout).toContain('c5:  0.00 m² (0.00%) · 0 人 holders (0.00%)  ✗ 未达门槛 not qualified');
    expect(run.stdout).toContain('当选 Elected: c1');
    expect(run.stdout).toContain('需另行决选 Runoff: c2, c3, c4');
    expect(run.stdout).toContain('结果 Result: 未通过 FAILED');
  });

  it('reports no quorum', async () => {
    const run = await recount(path.join(GOLDEN, 'no_quorum.json'));
    expect(run.stdout).toContain('参与表决 Quorum: 未达到 not met');
    expect(run.stdout).toContain('NO QUORUM');
  });
});

describe('exit 2: malformed or inconsistent bundle, nothing counted', () => {
  it('lists every problem with its JSON path on stderr', async () => {
    const bundle = load(path.join(SPEC_EXAMPLES, 'simple_pass.json'));
    bundle['format'] = 'gongzhi.ballot-bundle/0';
    (bundle['units'] as Record<string, unknown>[])[0]!['area'] = '1.005';
    bundle.ballots[1]!['holder'] = 'h99';
    bundle.ballots[2]!['seq'] = 9;
    bundle.ballots[3]!['holder'] = 'h1';
    const run = await recount(scratchFile('broken.json', JSON.stringify(bundle)), '--json');
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    for (const [code, where] of [
      ['BAD_FORMAT', '$.format'],
      ['BAD_AREA', '$.units[0].area'],
      ['UNKNOWN_HOLDER', '$.ballots[1].holder'],
      ['SEQ_GAP', '$.ballots[2].seq'],
      ['DUPLICATE_BALLOT', '$.ballots[3].holder'],
    ]) {
      expect(run.stderr).toMatch(new RegExp(`${where!.replace(/[$.[\]]/g, '\\$&')}\\s+${code}`));
    }
    expect(run.stderr).toContain('5 problems');
    expect(run.stderr).toContain('未计票');
  });

  it('rejects a ballot outside the window and a ballot from outside the scope', async () => {
    const bundle = load(path.join(SPEC_EXAMPLES, 'simple_pass.json'));
    bundle.ballots[0]!['castAt'] = '2026-03-16T20:00:00.001+08:00';
    (bundle['motions'] as Record<string, unknown>[])[0]!['scope'] = ['1-1', '1-2', '1-3'];
    const run = await recount(scratchFile('window.json', JSON.stringify(bundle)));
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('$.ballots[0].castAt  BALLOT_OUTSIDE_WINDOW');
    expect(run.stderr).toContain('$.ballots[3].holder  HOLDER_OUTSIDE_SCOPE');
  });

  it.each([
    ['bad JSON', '{"format": ', 'BAD_JSON'],
    ['an empty file', '', 'BAD_JSON'],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'BAD_ENCODING'],
    ['a JSON array', '[]', 'BAD_TYPE'],
  ])('refuses %s', async (_label, content, code) => {
    const run = await recount(scratchFile(`bad-${code}.json`, content), '--json');
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(code);
  });

  it('refuses an unreadable file', async () => {
    const run = await recount('/nonexistent/bundle.json');
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('FILE_UNREADABLE');
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const text = readFileSync(path.join(SPEC_EXAMPLES, 'simple_pass.json'), 'utf8');
    expect((await recount(scratchFile('bom.json', `\ufeff${text}`), '--json')).exit).toBe(0);
  });
});

describe('exit 3: broken chain', () => {
  it("names the first bad ballot when a ballot's choice was changed after hashing", async () => {
    const bundle = load(path.join(SPEC_EXAMPLES, 'simple_pass.json'));
    bundle.ballots[3]!['choice'] = 'approve';
    const run = await recount(scratchFile('tampered.json', JSON.stringify(bundle)), '--json');
    expect(run.exit).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('seq 4 (index 3, $.ballots[3])');
    expect(run.stderr).toContain('第 4 号选票');
  });

  it('names the first bad ballot when two ballots were swapped (seq kept in order)', async () => {
    const bundle = load(path.join(SPEC_EXAMPLES, 'multi_unit_holder_once.json'));
    const [a, b] = [bundle.ballots[0]!, bundle.ballots[1]!];
    bundle.ballots[0] = { ...b, seq: 1 };
    bundle.ballots[1] = { ...a, seq: 2 };
    const run = await recount(scratchFile('swapped.json', JSON.stringify(bundle)));
    expect(run.exit).toBe(3);
    expect(run.stderr).toContain('seq 1 (index 0');
  });

  it('reports a chainHead that does not match (a truncated bundle)', async () => {
    const bundle = load(path.join(SPEC_EXAMPLES, 'simple_pass.json'));
    bundle.ballots.pop();
    const run = await recount(scratchFile('truncated.json', JSON.stringify(bundle)));
    expect(run.exit).toBe(3);
    expect(run.stderr).toContain('chainHead does not match');
  });

  it('reports a head that differs from --expect-head', async () => {
    const run = await recount(path.join(SPEC_EXAMPLES, 'simple_pass.json'), '--expect-head', 'e'.repeat(64), '--json');
    expect(run.exit).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--expect-head');
    expect(run.stderr).toContain('e'.repeat(64));
  });
});

describe('usage', () => {
  it.each([
    [[]],
    [['--json']],
    [['a.json', 'b.json']],
    [['a.json', '--verbose']],
    [['a.json', '--expect-head']],
    [['a.json', '--expect-head', 'XYZ']],
    [['a.json', '--expect-head', 'A'.repeat(64)]],
  ])('exits 2 with the usage for %j', async (args) => {
    const run = await recount(...args);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: gongzhi recount FILE [--json] [--expect-head HASH]');
  });

  it('prints the usage for --help', async () => {
    const io = captureIO();
    expect(await main(['recount', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('gongzhi recount FILE');
  });

  it('resolves FILE against the working directory, and reads "--" as the end of options', async () => {
    const io = captureIO(SPEC_EXAMPLES);
    expect(await main(['recount', '--json', '--', 'simple_pass.json'], io)).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ format: 'gongzhi.recount/1' });
  });
});
