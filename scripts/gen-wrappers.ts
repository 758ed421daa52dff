/**
 * Generates the host wrappers from core/catalog.ts, the one source of truth for names, descriptions and
 * parameters. Both outputs are checked in (custom-functions-metadata and Apps Script read them as written);
 * test/hosts/wrappers.test.ts fails when a committed file differs from what this script generates.
 * Run: `npm run gen` after changing the catalog.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOG, paramHelp, sheetsName, type FunctionSpec, type ParamSpec } from "../core/catalog";
import { menuFunction, TABS } from "../core/tabs/kinds";
import { takesAddresses } from "../excel-addin/functions/excel-args";

export const EXCEL_WRAPPERS = join(__dirname, "..", "excel-addin", "functions", "functions.ts");
export const SHEETS_WRAPPERS = join(__dirname, "..", "sheets-addon", "src", "functions.js");
export const SHEETS_MENU = join(__dirname, "..", "sheets-addon", "src", "menu.js");
/** Help links point at the add-in's own help page; the build rewrites the origin for production. */
const HELP_ORIGIN = "https://localhost:3000";

const camel = (id: string): string => id.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const pascal = (s: string): string => s.toLowerCase().replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * Excel's AutoComplete list (@customenum) for each parameter with choices, one enum per distinct list: named after
 * the parameter ("Period"), or after the function too when the same name has different lists ("CohortsMeasure").
 */
function excelEnums(): Map<string, { name: string; choices: readonly string[]; default?: string }> {
  const lists = new Map<string, Set<string>>();
  for (const f of CATALOG) for (const p of f.params) if (p.read === "choice" && p.choices) (lists.get(p.name) ?? lists.set(p.name, new Set()).get(p.name)!).add(p.choices.join("\n"));
  const out = new Map<string, { name: string; choices: readonly string[]; default?: string }>();
  for (const f of CATALOG) {
    for (const p of f.params) {
      if (p.read !== "choice" || !p.choices || p.shape !== "value") continue;
      const name = lists.get(p.name)!.size === 1 ? pascal(p.name) : pascal(`${f.id}_${p.name}`);
      out.set(`${f.id}.${p.name}`, { name, choices: p.choices, default: typeof p.default === "string" ? p.default : undefined });
    }
  }
  return out;
}

const memberName = (choice: string): string => choice.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");

function excelEnumSource(): string {
  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const e of excelEnums().values()) {
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    const members = e.choices.map((c) => `  /** ${c}${c === e.default ? " (default)" : ""} */\n  ${memberName(c)} = ${JSON.stringify(c)},`);
    blocks.push([`/**`, ` * The choices of ${e.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}, for Excel's AutoComplete.`, ` * @customenum {string}`, ` */`, `enum ${e.name} {`, ...members, `}`].join("\n"));
  }
  return blocks.join("\n\n");
}

function excelType(f: FunctionSpec, p: ParamSpec): string {
  if (p.shape === "range") return "any[][]";
  return excelEnums().get(`${f.id}.${p.name}`)?.name ?? p.type;
}

const escapeDoc = (s: string): string => s.replace(/\*\//g, "* /");

/**
 * One Excel wrapper. Functions with arguments take Excel's invocation last and ask for the arguments' addresses
 * (@requiresParameterAddresses), so excel-args.ts can tell an empty cell Excel desktop passed as 0 from a real 0.
 * Optional parameters are marked by the JSDoc brackets only (a TypeScript `?` cannot precede the invocation).
 * Every wrapper returns a promise: telling blanks from zeros may ask Excel, which is asynchronous.
 */
function excelWrapper(f: FunctionSpec): string {
  const addresses = takesAddresses(f);
  const lines = ["/**", ` * ${escapeDoc(f.description)}`, ` * @customfunction ${f.id}`, ` * @helpurl ${HELP_ORIGIN}/help.html#${f.section}`];
  for (const p of f.params) lines.push(` * @param ${p.optional ? `[${p.name}]` : p.name} ${escapeDoc(paramHelp(p, { choices: false }))}`);
  if (addresses) lines.push(" * @param invocation Excel's invocation: where each argument is, to tell empty cells from zeros.", " * @requiresParameterAddresses");
  lines.push(` * @returns ${f.result === "range" ? "A spilled range." : addresses ? "A single value (a 1×1 array: Excel gives parameter addresses only to matrix results)." : "A single value."}`, " */");
  const params = [...f.params.map((p) => `${p.name}: ${excelType(f, p)}`), ...(addresses ? ["invocation: CustomFunctions.Invocation"] : [])].join(", ");
  const ret = f.result === "range" || addresses ? "Promise<any[][]>" : "Promise<any>";
  const args = f.params.map((p) => p.name).join(", ");
  const spec = `{ id: "${f.id}", result: "${f.result}", params: [${f.params.map((p) => `{ name: "${p.name}", shape: "${p.shape}", zero: "${p.zero}" }`).join(", ")}] }`;
  const call = `callCore(${spec}, core.${sheetsName(f)}, [${args}]${addresses ? ", invocation" : ""})`;
  lines.push(`export function ${camel(f.id)}(${params}): ${ret} {`, `  return ${call} as ${ret};`, "}");
  return lines.join("\n");
}

export function excelSource(): string {
  return [
    "// GENERATED by scripts/gen-wrappers.ts from core/catalog.ts — do not edit; run `npm run gen`.",
    "// Excel custom functions (namespace XSELL): thin wrappers over core/functions.ts. custom-functions-metadata",
    "// reads the JSDoc below into functions.json, and its webpack plugin adds the CustomFunctions.associate calls;",
    "// the build then lets `any` parameters receive error cells (webpack.config.js). callCore (excel-errors.ts) reads",
    "// blanks, data types and 1904 dates the same on every Excel and turns core errors into Excel's.",
    "/* eslint-disable @typescript-eslint/no-explicit-any */",
    'import * as core from "../../core/functions";',
    'import { callCore } from "./excel-errors";',
    "",
    excelEnumSource(),
    "",
    CATALOG.map(excelWrapper).join("\n\n"),
    "",
  ].join("\n");
}

/** Positions of the date parameters that default to today: the Sheets host fills an omitted one with today in the spreadsheet's zone. */
const asOfPositions = (f: FunctionSpec): number[] => f.params.flatMap((p, i) => (p.read === "date" && p.default === "today" ? [i] : []));

function sheetsExample(p: ParamSpec): string {
  if (p.name === "as_of") return "{XSELL_AS_OF}";
  if (p.shape === "range") return p.name === "headers" ? "{A1:K1}" : "{A1:K401}";
  return p.type === "number" ? "{number}" : p.type === "string" ? "{string}" : "{value}";
}

/** Sheets refuses TODAY() as a custom-function argument: the hint points at the cell the add-on's menu keeps. */
const SHEETS_AS_OF_NOTE = " Sheets does not allow TODAY() here: pass XSELL_AS_OF (Extensions → XSELL → Set as-of date to today).";

function sheetsWrapper(f: FunctionSpec): string {
  const lines = ["/**", ` * ${escapeDoc(f.description)}`];
  for (const p of f.params) lines.push(` * @param ${sheetsExample(p)} ${p.name} ${escapeDoc(paramHelp(p))}${p.name === "as_of" ? SHEETS_AS_OF_NOTE : ""}`);
  lines.push(` * @return ${f.result === "range" ? "A spilled range." : "A single value."}`, " * @customfunction", " */");
  const args = f.params.map((p) => p.name).join(", ");
  const asOf = asOfPositions(f);
  lines.push(`function ${sheetsName(f)}(${args}) {`, `  return XSELL.call("${sheetsName(f)}", [${args}]${asOf.length ? `, [${asOf.join(", ")}]` : ""});`, "}");
  return lines.join("\n");
}

export function sheetsSource(): string {
  return [
    "// GENERATED by scripts/gen-wrappers.ts from core/catalog.ts — do not edit; run `npm run gen`.",
    "// Google Sheets custom functions: real top-level functions with their parameters and JSDoc, so Sheets",
    "// shows argument hints. XSELL is the bundled core (dist/sheets/xsell.js), loaded before this file. The third",
    "// argument of XSELL.call lists the as_of parameters' positions, which default to today in the spreadsheet's zone.",
    "/* global XSELL */",
    "",
    CATALOG.map(sheetsWrapper).join("\n\n"),
    "",
  ].join("\n");
}

/** The Sheets menu's top-level functions, one per tab in the registry (Apps Script menus call functions by name). */
export function sheetsMenuSource(): string {
  return [
    "// GENERATED by scripts/gen-wrappers.ts from core/tabs/kinds.ts — do not edit; run `npm run gen`.",
    "// One top-level function per tab, for the add-on menu's items (server.ts builds the menu from the same list).",
    "/* global XSELL */",
    "",
    TABS.map((t) => [`/** Menu: ${t.menuLabel.toLowerCase()} from the active sheet. */`, `function ${menuFunction(t)}() {`, `  XSELL.buildFromMenu(${JSON.stringify(t.kind)});`, "}"].join("\n")).join("\n\n"),
    "",
  ].join("\n");
}

if (require.main === module) {
  writeFileSync(EXCEL_WRAPPERS, excelSource());
  writeFileSync(SHEETS_WRAPPERS, sheetsSource());
  writeFileSync(SHEETS_MENU, sheetsMenuSource());
  console.log(`wrote ${CATALOG.length} wrappers to excel-addin/functions/functions.ts and sheets-addon/src/functions.js`);
}
