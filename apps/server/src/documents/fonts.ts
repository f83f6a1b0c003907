import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Chinese font of every document: Noto Sans SC (SIL OFL 1.1), taken from the npm package
 * @expo-google-fonts/noto-sans-sc so that `npm ci` is all a fresh machine needs (no apt fonts).
 */

export const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const REGULAR_FILE = '400Regular/NotoSansSC_400Regular.ttf';
const BOLD_FILE = '700Bold/NotoSansSC_700Bold.ttf';

export interface FontFiles {
  regular: Buffer;
  bold: Buffer;
}

function missing(detail: string, cause?: unknown): Error {
  return new Error(
    `找不到中文字体 Noto Sans SC（npm 包 ${FONT_PACKAGE}），无法生成 PDF。请在项目根目录运行 npm ci。` +
      ` / The Chinese font Noto Sans SC (npm package ${FONT_PACKAGE}) was not found, so no PDF can be made. Run npm ci in the project root. (${detail})`,
    cause === undefined ? undefined : { cause },
  );
}

/** Absolute paths of the regular and bold TTF files; throws a zh/en Error when the package is missing. */
export function fontPaths(): { regular: string; bold: string } {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`);
  } catch (error) {
    throw missing('package not resolvable', error);
  }
  const dir = path.dirname(packageJson);
  return { regular: path.join(dir, REGULAR_FILE), bold: path.join(dir, BOLD_FILE) };
}

let cached: FontFiles | null = null;

/** The font files' bytes, read once per process (about 10 MB each). */
export function loadFonts(): FontFiles {
  if (cached) return cached;
  const paths = fontPaths();
  const read = (file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw missing(`cannot read ${file}`, error);
    }
  };
  cached = { regular: read(paths.regular), bold: read(paths.bold) };
  return cached;
}
