import { defineConfig } from 'vitest/config';

// The browser tests (headless Chromium): a project of their own, so the rest of the suite stays fast.
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
