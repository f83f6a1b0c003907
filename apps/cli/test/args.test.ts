import { describe, expect, it } from 'vitest';
import { applyDataDir, intOption, parseArgs, UsageError } from '../src/args';

describe('the CLI argument parser', () => {
  it('reads flags, values (both spellings) and positionals, and -- ends the options', () => {
    const p = parseArgs(['add', '--json', '--data', '/tmp/a', '--port=8080', '--', '--not-an-option'], { flags: ['json'], values: ['data', 'port'] });
    expect(p.positionals).toEqual(['add', '--not-an-option']);
    expect(p.options.get('json')).toBe(true);
    expect(p.options.get('data')).toBe('/tmp/a');
    expect(intOption(p, 'port')).toBe(8080);
  });

  it('refuses unknown options, a value option without its value, and a non-number where one is needed', () => {
    expect(() => parseArgs(['--nope'], { flags: ['json'] })).toThrow(UsageError);
    expect(() => parseArgs(['--data'], { values: ['data'] })).toThrow(/--data needs a value/);
    expect(() => parseArgs(['--json=1'], { flags: ['json'] })).toThrow(/unknown option --json/);
    expect(() => intOption(parseArgs(['--port', 'x'], { values: ['port'] }), 'port')).toThrow(/whole number/);
  });

  it('applyDataDir passes --data on as GONGZHI_DATA_DIR, and leaves the environment alone without it', () => {
    const env: NodeJS.ProcessEnv = { GONGZHI_DATA_DIR: '/srv/gongzhi' };
    applyDataDir(parseArgs([], { values: ['data'] }), env);
    expect(env.GONGZHI_DATA_DIR).toBe('/srv/gongzhi');
    applyDataDir(parseArgs(['--data', './mine'], { values: ['data'] }), env);
    expect(env.GONGZHI_DATA_DIR).toBe('./mine');
  });
});
