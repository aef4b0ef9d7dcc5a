import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const server = 'http://localhost:3000';

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the build, once, at the
 * highest levels: the server sends the one the browser accepts instead of compressing per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'turnout:precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = config.build.outDir;
    },
    closeBundle: () => {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(?:js|css|html|svg|json)$/.test(entry.name)) continue;
        const file = join(entry.parentPath, entry.name);
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// Vite 8 (the same major that Vitest 4 resolves at the root) with plugin-react 6: one Vite in the tree.
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One stylesheet for every page (5 KB gzip), loaded with the page: a route's chunk no longer
    // inserts and waits for stylesheets of its own before it can render.
    cssCodeSplit: false,
    // light-dark() and :has() stay as written: every browser the app supports has them.
    cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
    // Libraries in named chunks: React and the router, TanStack Query and Socket.IO; zod loads only with forms.
    // The app's shared components and lib/ are one chunk too, not a dozen small ones for every page to fetch.
    rolldownOptions: {
      output: {
        // V8 compiles these whole on a background thread while they download (explicit compile hints),
        // instead of function by function on the main thread as the first render calls them.
        postBanner: (chunk) => (chunk.name === 'react' || chunk.name === 'data' ? '//# allFunctionsCalledOnLoad\n' : ''),
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            {
              name: 'data',
              test: /node_modules[\\/](@tanstack|socket\.io-client|engine\.io-client|engine\.io-parser|socket\.io-parser|@socket\.io)[\\/]/,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // The image cropper loads on demand (React.lazy) with its library: never part of the first load.
            { name: 'cropper', test: /node_modules[\\/](react-easy-crop|normalize-wheel)[\\/]|image-upload[\\/]image-cropper/ },
            { name: 'shared', test: /src[\\/](components|lib)[\\/](?!image-upload[\\/]image-cropper)/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // Same origin as production: the API and the socket are proxied to the server.
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
