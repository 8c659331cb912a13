// Vite settings for the sidebar iframe: one small ES module and one stylesheet next to iframe.html,
// with relative URLs because Zendesk serves the app's assets/ folder from its own CDN path.
import path from 'node:path';
import type { InlineConfig } from 'vite';

const appDir = path.dirname(new URL(import.meta.url).pathname);

export function createViteConfig(assetsDir: string): InlineConfig {
  return {
    configFile: false,
    root: path.join(appDir, 'src'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir: assetsDir,
      emptyOutDir: true,
      assetsDir: '',
      target: 'es2020',
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: {
        input: path.join(appDir, 'src/iframe.html'),
        output: { entryFileNames: 'inscope-[hash].js', assetFileNames: 'inscope-[hash][extname]' },
      },
    },
  };
}

export default createViteConfig(path.resolve(appDir, '../../dist/zendesk/assets'));
