// Builds the editor app into web/dist, which `pressroom serve` serves. The app shares the house
// style's renderer and the edit operations with the server, imported from ../src.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/editor/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/uploads': 'http://127.0.0.1:8080', '/submit': 'http://127.0.0.1:8080' } },
});
