import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('has the same keys in zh-CN and en', () => {
    const zh = new Set(keys(zhCN));
    const e = new Set(keys(en));
    expect([...zh].filter((k) => !e.has(k))).toEqual([]);
    expect([...e].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('has no empty texts and no stray vue-i18n syntax', () => {
    const check = (m: unknown) =>
      keys(m).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m);
        return typeof v !== 'string' || v.trim() === '' || /[|@]/.test(v);
      });
    expect(check(zhCN)).toEqual([]);
    expect(check(en)).toEqual([]);
  });
});
