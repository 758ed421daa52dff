import { defineConfig } from "vitest/config";

/** Browser and LibreOffice checks: `npm run test:e2e` (needs Debian's chromium and libreoffice-calc). */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 120000,
    hookTimeout: 120000,
    globalSetup: ["test/setup/build.ts"],
    fileParallelism: false,
  },
});
