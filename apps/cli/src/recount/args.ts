import { isHashHex } from '@gongzhi/core';

export interface RecountArgs {
  readonly file: string;
  readonly json: boolean;
  readonly expectHead: string | undefined;
}

export type ParsedRecountArgs =
  | ({ readonly ok: true } & RecountArgs)
  | { readonly ok: false; readonly message_zh: string; readonly message_en: string };

const fail = (message_zh: string, message_en: string): ParsedRecountArgs => ({ ok: false, message_zh, message_en });

/** FILE [--json] [--expect-head HASH | --expect-head=HASH]; "--" ends the options. */
export function parseRecountArgs(args: readonly string[]): ParsedRecountArgs {
  const files: string[] = [];
  let json = false;
  let expectHead: string | undefined;
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--expect-head' || arg.startsWith('--expect-head=')) {
      const value = arg === '--expect-head' ? args[++i] : arg.slice('--expect-head='.length);
      if (value === undefined) return fail('--expect-head 需要一个哈希值', '--expect-head needs a hash');
      if (!isHashHex(value)) return fail(`--expect-head 须为 64 位小写十六进制：${value}`, `--expect-head must be 64 lowercase hex characters: ${value}`);
      if (expectHead !== undefined && expectHead !== value) return fail('--expect-head 只能给一次', '--expect-head given twice');
      expectHead = value;
    } else {
      return fail(`未知选项 ${arg}`, `unknown option ${arg}`);
    }
  }
  if (files.length === 0) return fail('缺少表决数据包文件', 'the bundle FILE is missing');
  if (files.length > 1) return fail(`只能复核一个文件，收到 ${files.length} 个`, `recount takes one FILE, got ${files.length}`);
  return { ok: true, file: files[0] as string, json, expectHead };
}
