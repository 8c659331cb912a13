// Vite settings for the Custom UI page: one small ES module and one stylesheet next to index.html,
// with relative URLs because Forge serves the resource folder from its own CDN path.
import path from 'node:path';
import type { InlineConfig } from 'vite';

const appDir = path.dirname(new URL(import.meta.url).pathname);

/** `pathPrefix`: the tenant prefix (/t/acme) the page puts before every connector path; '' for none. */
export function createViteConfig(outDir: string, pathPrefix = ''): InlineConfig {
  return {
    configFile: false,
    define: { __INSCOPE_PATH_PREFIX__: JSON.stringify(pathPrefix) },
    root: path.join(appDir, 'src'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: '',
      target: 'es2020',
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: {
        input: path.join(appDir, 'src/index.html'),
        output: { entryFileNames: 'inscope-[hash].js', assetFileNames: 'inscope-[hash][extname]' },
      },
    },
  };
}

export default createViteConfig(path.resolve(appDir, '../../dist/jira/static/sidebar'));
