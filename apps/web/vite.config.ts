import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver, VantResolver } from 'unplugin-vue-components/resolvers';

/**
 * The single SPA of the platform. Vant (owner H5) and Element Plus (console) are imported per
 * component by unplugin-vue-components, and the owner and console routes are separate dynamic
 * chunks, so a phone opening /m never downloads Element Plus or ECharts.
 */
/** Where `vite` (dev) and `vite preview` send /api: the Fastify server, or another via GONGZHI_API. */
const apiTarget = process.env.GONGZHI_API ?? 'http://localhost:3000';

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
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 700,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Named vendor chunks: cached across releases, and the report shows who loads what.
        // The owner H5 loads vue + vant; the console vue + element-plus (+ echarts on the overview).
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 4 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|lodash-es|lodash-unified|async-validator|dayjs|@ctrl|normalize-wheel-es|memoize-one|@vueuse)[\\/]/, priority: 2 },
            { name: 'vant', test: /node_modules[\\/](vant|@vant)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
});
