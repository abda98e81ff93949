import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const engine = process.env.WAYMARK_ENGINE_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // ELK (auto-layout) is one 1.5 MB module, loaded lazily on the first layout; nothing to split further.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1600 },
  // In dev the API lives in the engine process; the built app is served by the engine itself.
  server: { proxy: { '/api': engine, '/v1': engine, '/health': engine } },
});
