#!/usr/bin/env node
/**
 * npm start: sideloads the add-in with office-addin-debugging where it is installed (an optional dependency:
 * its native keytar module needs libsecret, so it is skipped on machines without it). Elsewhere, prints how to
 * sideload into Excel on the web by hand.
 */
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");

let debugging = null;
try {
  debugging = require.resolve("office-addin-debugging/cli.js");
} catch {
  try {
    debugging = require.resolve("office-addin-debugging/lib/cli.js");
  } catch {
    debugging = null;
  }
}
const manifest = join(__dirname, "manifest.xml");
if (debugging) {
  const res = spawnSync(process.execPath, [debugging, "start", manifest, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(res.status ?? 1);
}
console.log(`office-addin-debugging is not installed here (it needs libsecret for its keytar module).

Sideload into Excel on the web instead:
  1. npm run dev-server            (serves https://localhost:3000 with a trusted development certificate)
  2. Open a workbook at https://excel.cloud.microsoft (or office.com → Excel).
  3. Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in, and choose
     ${manifest}
  4. The XSELL button appears on the Home tab; type =XSELL.SCORE( in a cell to use the functions.

On Windows or macOS with Excel desktop, install the optional dependency and run npm start again:
  npm install office-addin-debugging`);
process.exit(0);
