/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The UI is embedded in the Tauri shell (custom protocol), so every asset path is relative and nothing is
// loaded from the network: the court network is closed.
export default defineConfig({
  base: './',
  plugins: [vue()],
  clearScreen: false,
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 3000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    // Mounting Element Plus dialogs takes 3–5 s on this 2-core machine while cargo builds beside it; the default
    // 5 s made a passing test time out. A hung test still fails, just later.
    testTimeout: 20_000,
  },
})
