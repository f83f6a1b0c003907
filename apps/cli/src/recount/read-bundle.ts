import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '@gongzhi/core';

export type ReadResult = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly issue: Issue };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Reads a bundle file as strict UTF-8 JSON (a leading BOM is allowed and dropped). */
export async function readBundleFile(file: string, cwd: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.resolve(cwd, file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issue: { code: 'FILE_UNREADABLE', path: '$', message_zh: `无法读取文件 ${file}：${reason}`, message_en: `cannot read ${file}: ${reason}` },
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      ok: false,
      issue: { code: 'BAD_ENCODING', path: '$', message_zh: '文件不是有效的 UTF-8 文本', message_en: 'the file is not valid UTF-8 text' },
    };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: { code: 'BAD_JSON', path: '$', message_zh: `不是有效的 JSON：${reason}`, message_en: `not valid JSON: ${reason}` } };
  }
}
