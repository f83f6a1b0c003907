import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '@gongzhi/core';

export type ReadResult = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly issue: Issue };

/** Reads a bundle file as strict UTF-8 JSON (a leading BOM is allowed and dropped). */
export async function readBundleFile(file: string, cwd: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(cwd, file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issue: { code: 'FILE_UNREADABLE', path: '$', message_zh: `无法读取文件 ${file}：${reason}`, message_en: `cannot read ${file}: ${reason}` },
    };
  }
  if (!isUtf8(bytes)) {
    return {
      ok: false,
      issue: { code: 'BAD_ENCODING', path: '$', message_zh: '文件不是有效的 UTF-8 文本', message_en: 'the file is not valid UTF-8 text' },
    };
  }
  const text = bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: { code: 'BAD_JSON', path: '$', message_zh: `不是有效的 JSON：${reason}`, message_en: `not valid JSON: ${reason}` } };
  }
}
