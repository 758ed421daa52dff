/**
 * help.html: the page Excel's "Help on this function" links open (each function's @helpurl points at its
 * section). Generated from core/catalog.ts at build time, so it always lists exactly the shipped functions.
 */
import { CATALOG, excelName, paramHelp, sheetsName } from "../core/catalog";
import { escapeHtml } from "../core/html";

const SECTIONS: Record<string, string> = {
  scoring: "Scoring accounts",
  "cross-sell": "Cross-sell: attach rates, adjacency, whitespace, next product",
  triggers: "Triggers",
  retention: "Retention",
  scenarios: "Scenarios",
  proof: "Proof: does the score predict expansion, do the picks come true",
};

export function helpPage(): string {
  const parts: string[] = [];
  for (const [id, title] of Object.entries(SECTIONS)) {
    parts.push(`<h2 id="${id}">${escapeHtml(title)}</h2>`);
    for (const f of CATALOG.filter((x) => x.section === id)) {
      const args = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
      parts.push(
        `<h3 id="${f.id.toLowerCase()}"><code>${excelName(f)}(${escapeHtml(args)})</code></h3>`,
        `<p>${escapeHtml(f.description)}</p>`,
        "<ul>",
        ...f.params.map((p) => `<li><code>${p.name}</code>${p.optional ? " (optional)" : ""}: ${escapeHtml(paramHelp(p))}</li>`),
        "</ul>",
        `<p>Example: <code>${escapeHtml(f.example.replace("XSELL_", "XSELL."))}</code> · Google Sheets: <code>${sheetsName(f)}</code></p>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>XSELL functions</title>
<style>body{font:14px/1.5 "Segoe UI",system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#201f1e}
h1{color:#0f766e}h2{border-bottom:1px solid #edebe9;padding-bottom:4px;margin-top:32px}code{background:#f3f2f1;padding:1px 4px;border-radius:2px}</style>
</head><body><h1>XSELL functions</h1>
<p>Every function runs inside your workbook: no data leaves it. In Excel the names carry the <code>XSELL.</code> namespace; in Google Sheets they are written <code>XSELL_NAME</code>.</p>
${parts.join("\n")}
<h2 id="privacy">Privacy</h2>
<p>XSELL runs entirely inside Excel: it makes no network calls beyond loading Office.js, collects nothing and stores nothing outside your workbook. It asks only to read and write the open document.</p>
<h2 id="terms">Terms of use</h2>
<p>XSELL is open source under the MIT license and provided as is, without warranty of any kind.</p>
</body></html>
`;
}
