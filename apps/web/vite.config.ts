import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver, VantResolver } from 'unplugin-vue-components/resolvers';

/**
 * The single SPA of the platform. Vant (owner H5) and Element Plus (console) are imported per
 * component by unplugin-vue-components, and the owner and console routes are separate dynamic
 * chunks, so a phone opening /m never downloads Element Plus or ECharts.
 */
export default defineConfig({
  plugins: [
    vue(),
    Components({
      dirs: [],
      dts: 'src/components.d.ts',
      resolvers: [VantResolver({ importStyle: true }), ElementPlusResolver({ importStyle: 'css' })],
    }),
    {
      // @gongzhi/contracts ships TypeScript sources. The web app uses its types and the plain
      // catalogs (errors, roles); the zod schemas in api.ts are only for the server. Declaring the
      // package free of side effects lets the bundler drop zod entirely.
      name: 'gongzhi-contracts-pure',
      enforce: 'pre',
      async resolveId(source, importer, options) {
        if (!importer || !/packages[\\/]contracts[\\/]/.test(importer) && source !== '@gongzhi/contracts') return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (resolved && /packages[\\/]contracts[\\/]src[\\/]/.test(resolved.id)) return { ...resolved, moduleSideEffects: false };
        return resolved;
      },
    },
  ],
  define: {
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 700,
    sourcemap: false,
  },
});
