// Builds the renderer into dist/renderer. Relative asset paths (base './') let the same files be served
// over HTTP headless and loaded from file:// or a custom protocol in Electron.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No data: URLs for assets: the page's policy allows them for images only, files work everywhere.
    assetsInlineLimit: 0,
  },
});
