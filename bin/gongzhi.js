#!/usr/bin/env node
// The `gongzhi` command. Runs the bundled CLI; builds it first when it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'apps/cli/dist/gongzhi.mjs');
if (!existsSync(bundle)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('gongzhi: could not build the CLI (node scripts/build-cli.mjs failed)');
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
