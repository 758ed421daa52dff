/**
 * Injected into the e2e sidebar page: fake Apps Script services seeded from window.__XSELL_SHEETS_SEED__, and a
 * google.script.run that calls the add-on's server functions asynchronously, as the real bridge does.
 * (The sidebar's CSP forbids eval, so the server code is compiled into this bundle rather than loaded as text;
 * the built xsell.js itself is exercised by test/hosts/sheets-addon.test.ts.)
 */
import { FakeAppsScript, type SheetsValue } from "../fakes/apps-script";

const w = window as unknown as Record<string, unknown>;
const seed = (w.__XSELL_SHEETS_SEED__ as { sheets: { name: string; values: SheetsValue[][] }[]; timeZone?: string }) ?? { sheets: [] };
const app = new FakeAppsScript({ timeZone: seed.timeZone });
for (const s of seed.sheets) app.spreadsheet.addSheet(s.name, s.values);
Object.assign(w, app.globals());
w.__XSELL_SHEETS_APP__ = app;

// a test may slow the bridge (window.__XSELL_SHEETS_DELAY_MS__) to catch the sidebar mid-build
// loaded after the globals exist, as Apps Script loads the project's files after defining its services
const serverReady = import("../../sheets-addon/src/server");
const targets: Record<string, (server: typeof import("../../sheets-addon/src/server"), ...a: unknown[]) => unknown> = {
  xsellSidebarState: (s) => s.sidebarState(),
  xsellBuildTab: (s, req) => s.buildTabFromRequest(req as never),
};

function runner(ok?: (v: unknown) => void, fail?: (e: Error) => void): unknown {
  return new Proxy({}, {
    get(_t, prop: string) {
      if (prop === "withSuccessHandler") return (f: (v: unknown) => void) => runner(f, fail);
      if (prop === "withFailureHandler") return (f: (e: Error) => void) => runner(ok, f);
      return (...args: unknown[]) => {
        setTimeout(() => {
          serverReady.then((server) => {
            try {
              const target = targets[prop];
              if (!target) throw new Error(`Script function not found: ${prop}`);
              // the bridge serializes results: JSON round trip, like google.script.run
              ok?.(JSON.parse(JSON.stringify(target(server, ...args) ?? null)));
            } catch (e) {
              fail?.(e instanceof Error ? e : new Error(String(e)));
            }
          });
        }, (w.__XSELL_SHEETS_DELAY_MS__ as number | undefined) ?? 5);
      };
    },
  });
}
w.google = { script: { run: runner() } };
