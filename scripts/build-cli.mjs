// Bundles the gongzhi CLI (and the server it starts) into apps/cli/dist/gongzhi.mjs.
// Workspace packages (@gongzhi/*) are TypeScript sources and are bundled in; every
// npm dependency stays external and is loaded from node_modules at run time.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await rm(path.join(root, 'apps/cli/dist'), { recursive: true, force: true });

await build({
  entryPoints: {
    gongzhi: path.join(root, 'apps/cli/src/main.ts'),
    // paper-ballot batches render in a worker thread (apps/server/src/documents/isolated.ts)
    'print-worker': path.join(root, 'apps/server/src/documents/print-worker.ts'),
  },
  // Split so that a command loads only what it needs (recount must not load the server).
  outdir: path.join(root, 'apps/cli/dist'),
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __gzCreateRequire } from 'node:module'; const require = __gzCreateRequire(import.meta.url);" },
  plugins: [
    {
      name: 'externals-and-raw',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('@gongzhi/')) return undefined;
          if (args.path.startsWith('node:')) return { path: args.path, external: true };
          return { path: args.path, external: true };
        });
        b.onResolve({ filter: /\?raw$/ }, (args) => ({
          path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
          namespace: 'raw',
        }));
        b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({
          contents: await readFile(args.path, 'utf8'),
          loader: 'text',
        }));
      },
    },
  ],
});
