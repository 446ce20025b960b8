import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/support/unit-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          exclude: ['test/e2e/firefox/**', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file launches its own browser; two at a time fit these 2-core machines.
          maxWorkers: 2,
          fileParallelism: true,
          globalSetup: ['test/support/e2e-global-setup.ts'],
          // After the unit tests, which are quick and say more when something basic is broken.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // The same flows in Firefox ESR, from the Firefox build (test/support/firefox.ts).
          name: 'e2e-firefox',
          include: ['test/e2e/firefox/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Firefox is heavier than Chromium; one at a time beside the Chromium files.
          maxWorkers: 1,
          fileParallelism: false,
          // Only a test whose browser stopped answering a WebDriver BiDi command (test/support/firefox.ts,
          // protocolTimeout) is made once more; a failed assertion or a wait that ran out never is.
          retry: { count: 1, condition: /timed out\. Increase the 'protocolTimeout' setting/ },
          globalSetup: ['test/support/e2e-firefox-global-setup.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
