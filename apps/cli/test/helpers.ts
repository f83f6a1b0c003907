import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIO } from '../src/io';

export interface Captured extends CliIO {
  stdout: string;
  stderr: string;
}

/** A CliIO that records what a command writes. */
export function captureIO(cwd = process.cwd()): Captured {
  const io: Captured = {
    stdout: '',
    stderr: '',
    out(text) {
      io.stdout += text;
    },
    err(text) {
      io.stderr += text;
    },
    env: {},
    cwd,
  };
  return io;
}

export const FIXTURES = path.resolve(import.meta.dirname, '../../../packages/core/test/fixtures');
export const SPEC_EXAMPLES = path.join(FIXTURES, 'spec-examples');
export const GOLDEN = path.join(FIXTURES, 'golden');

const scratch = mkdtempSync(path.join(tmpdir(), 'gongzhi-recount-'));

/** Writes a file in a scratch folder and returns its path. */
export function scratchFile(name: string, content: string | Uint8Array): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}
