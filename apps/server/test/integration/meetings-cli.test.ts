import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundleCommand, meetingsCommand, resultsCommand } from '../../../cli/src/commands/meetings';
import { recount } from '../../../cli/src/commands/recount';
import type { CliIO } from '../../../cli/src/io';
import { loadConfig } from '../../src/config';
import { createDeps, openPlatformDatabase } from '../../src/platform';
import { seedDemo } from '../../src/demo/seed';

// The CLI on the server's own PGlite folder (server stopped): meetings, results, export-bundle,
// and the independent recount of the exported bundle reproducing `gongzhi results` exactly.
let dir: string;
let env: NodeJS.ProcessEnv;

function io(): CliIO & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', env, cwd: dir, out: (t: string) => void (o.stdout += t), err: (t: string) => void (o.stderr += t) };
  return o;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-meetings-cli-'));
  env = { GONGZHI_DATA_DIR: path.join(dir, 'data'), GONGZHI_LOG_LEVEL: 'silent' };
  const config = loadConfig(env, { testClockStart: new Date('2026-11-01T10:00:00+08:00'), meetingClockSeconds: 0 });
  const database = await openPlatformDatabase(config);
  try {
    await seedDemo(await createDeps(database, config, () => {}), { scale: 'small' });
  } finally {
    await database.close();
  }
}, 180_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('gongzhi meetings / results / export-bundle', () => {
  let finalId: string;
  let votingId: string;

  it('lists the meetings as JSON', async () => {
    const o = io();
    expect(await meetingsCommand.run(['--json'], o)).toBe(0);
    const list = JSON.parse(o.stdout) as Array<{ id: string; estate: string; title: string; state: string }>;
    expect(list.length).toBe(3);
    expect(Object.keys(list[0]!).sort()).toEqual(['estate', 'id', 'state', 'title']);
    finalId = list.find((m) => m.state === 'final')!.id;
    votingId = list.find((m) => m.state === 'voting')!.id;
    const one = io();
    expect(await meetingsCommand.run(['--estate', list[0]!.estate, '--json'], one)).toBe(0);
    expect(JSON.parse(one.stdout)).toHaveLength(3);
  });

  it('exits 2 with a message while a meeting has no result', async () => {
    const o = io();
    expect(await resultsCommand.run([votingId, '--json'], o)).toBe(2);
    expect(o.stderr).toContain('has no result yet');
    expect(o.stdout).toBe('');
    const e = io();
    expect(await exportBundleCommand.run([votingId], e)).toBe(2);
  });

  it('recounts the exported bundle to exactly the stored result', async () => {
    const results = io();
    expect(await resultsCommand.run([finalId, '--json'], results)).toBe(0);
    const exported = io();
    expect(await exportBundleCommand.run([finalId, '--out', 'bundle.json'], exported)).toBe(0);
    const stdoutBundle = io();
    expect(await exportBundleCommand.run([finalId], stdoutBundle)).toBe(0);
    expect(JSON.parse(stdoutBundle.stdout).format).toBe('gongzhi.ballot-bundle/1');
    const head = (JSON.parse(results.stdout) as { chainHead: string }).chainHead;
    const r = io();
    expect(await recount.run(['bundle.json', '--json', '--expect-head', head], r)).toBe(0);
    expect(r.stdout).toBe(results.stdout);
    const motions = (JSON.parse(r.stdout) as { motions: Array<{ participated: { holders: number } }> }).motions;
    expect(motions[0]!.participated.holders).toBeGreaterThan(0);
  });
});
