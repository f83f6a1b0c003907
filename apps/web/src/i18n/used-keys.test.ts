import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';

// Every message key written literally in the app's code (t('a.b'), $t('a.b'), te('a.b')) must
// exist: vue-i18n would otherwise show the raw key to the user (missingWarn is off).
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

function has(messages: unknown, key: string): boolean {
  const v = key.split('.').reduce<unknown>((o, part) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[part] : undefined), messages);
  return typeof v === 'string';
}

describe('message keys used in the code', () => {
  const files = sources(src);
  const used = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?<![\w.])\$?t[e]?\(\s*'([A-Za-z0-9_.]+)'/g)].map((m) => ({ file: path.relative(src, f), key: m[1]! })));

  it('finds the keys (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(used.some((u) => u.key === 'calendar.title')).toBe(true);
  });

  it('every literal key names a message', () => {
    expect(used.filter((u) => !has(zhCN, u.key)).map((u) => `${u.file}: ${u.key}`)).toEqual([]);
  });
});
