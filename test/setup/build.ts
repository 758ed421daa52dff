/**
 * Vitest global setup: builds dist/ once so host tests exercise the bundles users get, not the sources.
 * Set XSELL_SKIP_BUILD=1 to reuse an existing dist/ (CI builds right before, for instance).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export default function setup(): void {
  const root = join(__dirname, "..", "..");
  if (process.env.XSELL_SKIP_BUILD && existsSync(join(root, "dist", "excel", "functions.js"))) return;
  execFileSync(process.execPath, [join(root, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production"], { cwd: root, stdio: "pipe" });
}
