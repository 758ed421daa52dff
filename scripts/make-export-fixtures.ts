/**
 * Builds the export fixtures under test/fixtures/exports/<case>/: an input file shaped like a real export
 * (Salesforce, HubSpot, Gainsight, ChurnZero, Totango, Excel de-DE / fr-FR, Google Sheets, odd encodings and
 * delimiters) and an expected.json worked out HERE, from the logical records below, by a small reference scorer
 * that never looks at the rendered files and never imports the product code.
 *
 * Deterministic: no Date.now, no unseeded randomness; xlsx zip entries get a fixed timestamp.
 * Run: npx tsx scripts/make-export-fixtures.ts
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { prng } from "../examples/generate";

const OUT = join(__dirname, "..", "test", "fixtures", "exports");

// ───────────────────────────── vocabulary ─────────────────────────────
type Field =
  | "Account" | "Account ID" | "ARR" | "Licenses" | "Active Users" | "NPS" | "Start Date" | "Support Level"
  | "Hiring" | "Funding" | "Adjacent Feature Usage" | "Renewal Date" | "Champion" | "Product" | "Status"
  | "End Date" | "Price" | "Plan Usage" | "Last Purchase Date";
type ReadAs =
  | "text" | "numbers" | "numbers, decimal comma" | "dates" | "dates, month first" | "dates, day first" | "yes/no" | "empty";

// ───────────────────────────── deterministic helpers ─────────────────────────────
const rnd = prng(20260630); // the sample data's generator: mulberry32, the same sequence on every machine
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Salesforce 15 → 18 character id: one checksum letter per 5-char chunk, bit i set when char i is A–Z. */
function sf18(id15: string): string {
  const map = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let c = 0; c < 3; c++) {
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15[c * 5 + i];
      if (ch >= "A" && ch <= "Z") n |= 1 << i;
    }
    suffix += map[n];
  }
  return id15 + suffix;
}

// ───────────────────────────── logical accounts ─────────────────────────────
interface Acct {
  k: string;
  name: string;
  id: string; // 18-char Salesforce id
  hs: string; // HubSpot record id
  country: string;
  type: string;
  domain: string;
  owner: string;
  licenses: number | null;
  active: number | null;
  nps: number | null;
  start: string | null; // ISO
  support: string | null;
  hiring: boolean | null;
  funding: boolean | null;
  adjacent: number | null; // adoption % of the adjacent features (0 = not used)
  renewal: string | null; // ISO
  champion: string; // "" = no champion
  arr: number;
  employees: number;
  revenue: number; // the company's own annual revenue (NOT our ARR)
}
const OWNERS = ["Dana Whitfield", "Luis Ortega", "Mei Tanaka", "Jonas Berg"];
const usedIds = new Set<string>();
let acctNo = 0;
function mk(
  k: string, name: string, country: string, licenses: number | null, active: number | null, nps: number | null,
  start: string | null, support: string | null, hiring: boolean | null, funding: boolean | null, adjacent: number | null,
  renewal: string | null, champion: string, arr: number, employees: number, revenue: number, id15?: string,
): Acct {
  let id = id15;
  while (!id || usedIds.has(id)) {
    id = "0015g00000";
    for (let i = 0; i < 5; i++) id += ALNUM[Math.floor(rnd() * ALNUM.length)];
  }
  usedIds.add(id);
  const hs = String(8_000_000_000 + Math.floor(rnd() * 1_900_000_000));
  const domain = name.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "").slice(0, 14) + ".example";
  const type = acctNo % 3 === 2 ? "Customer - Channel" : "Customer - Direct";
  const owner = OWNERS[acctNo % OWNERS.length];
  acctNo++;
  return { k, name, id: sf18(id), hs, country, type, domain, owner, licenses, active, nps, start, support, hiring, funding, adjacent, renewal, champion, arr, employees, revenue };
}

const ACCTS: Acct[] = [
  mk("muller", "Müller Logistik GmbH", "Germany", 250, 190, 62, "2021-03-15", "Medium", true, false, 35, "2027-04-12", "Anna Weber", 48000, 820, 61_500_000),
  mk("societe", "Société Générale d'Équipement", "France", 1200, 540, 48, "2019-11-04", "High", false, true, 0, "2026-09-30", "Claire Dubois", 243288.8, 5400, 1_180_000_000),
  mk("otsuka", "Ōtsuka Trading", "Japan", 80, 64, 12, "2026-02-10", "Low", false, false, 20, "2027-01-15", "", 18500, 140, 22_000_000),
  mk("acme", "Acme Corp", "United States", 500, 260, 41, "2022-07-01", "low", true, true, 0, "2026-12-31", "Jim Park", 96000, 2300, 410_000_000, "0015g00000XyZab"),
  mk("northwind", "Northwind Traders", "United States", 200, 100, 40, "2025-12-30", "Medium", false, false, 0, "2026-12-30", "", 30000, 310, 45_000_000),
  mk("fabrikam", "Fabrikam, Inc.", "United States", 150, 120, -15, "2025-12-29", "High", true, false, 60, "2028-04-12", "Maria Garcia", 41000, 900, 120_000_000),
  mk("initech", "Initech LLC", "United States", 0, 12, 55, "2023-05-20", "Medium", false, false, 10, "2026-07-15", "", 9000, 75, 8_000_000),
  mk("contoso", "Contoso Ltd.", "United Kingdom", 320, 300, 71, "2020-01-08", "Low", false, true, 0, "2027-06-01", "Priya Shah", 120000, 1500, 230_000_000),
  mk("wayne", "Wayne Enterprises", "United States", 1000, 350, 22, "2018-09-09", "High", true, false, 0, "2026-08-01", "", 410000, 12000, 3_100_000_000),
  mk("hooli", "Hooli", "United States", 60, 45, 9, "2024-04-04", "Low", true, true, 0, "2027-03-03", "Gavin Belson", 22000, 640, 90_000_000, "0015g00000xyzab"),
  mk("pied", "Pied Piper", "United States", 25, 24, 88, "2026-01-05", "Medium", true, false, 80, "2026-11-11", "Richard Hendricks", 6000, 30, 2_000_000),
  mk("vandelay", "Vandelay Industries", "United States", 400, 120, -30, "2021-10-10", "Medium", false, false, 0, "2027-10-10", "", 52000, 700, 70_000_000),
  mk("bluth", "Bluth Company", "United States", 90, 30, 45, "2025-06-06", "Low", false, true, 12, "2026-10-02", "", 15500, 260, 31_000_000),
  mk("cyberdyne", "Cyberdyne Systems", "United States", 700, 650, 50, "2017-02-02", "High", true, true, 90, "2029-01-01", "Miles Dyson", 380000, 4100, 900_000_000),
  mk("tyrell", "Tyrell Corporation", "United States", 45, 40, 60, "2026-02-28", "Low", true, false, 0, "2027-02-28", "Eldon Tyrell", 27000, 380, 55_000_000),
  mk("nakatomi", "Nakatomi Trading", "Japan", 130, 70, 30, "2026-02-27", "High", false, false, 25, "2027-03-01", "", 33000, 950, 140_000_000),
  mk("dunder", "Dunder Mifflin Paper Co.", "United States", 75, 20, 65, "2019-03-03", "Medium", false, false, 0, "2026-12-01", "Michael Scott", 14000, 210, 38_000_000),
  mk("creme", "Crème Brûlée SARL", "France", 35, 30, 72, "2024-08-21", "High", false, true, 40, "2027-05-09", "Amélie Poulain", 24328.8, 45, 4_000_000),
  mk("akesson", "Åkesson & Co AB", "Sweden", 110, 50, 58, "2023-01-11", "Low", false, false, 0, "2026-12-24", "Sven Åkesson", 19000, 330, 26_000_000),
  mk("saopaulo", "São Paulo Tecnologia Ltda", "Brazil", 260, 210, 15, "2025-11-30", "Medium", true, true, 5, "2026-06-15", "", 61000, 1100, 75_000_000),
  mk("obrien", "O'Brien & Sons", "Ireland", 18, 5, 80, "2022-02-14", "Low", false, false, 0, "2027-08-19", "Siobhán O'Brien", 4200, 22, 1_500_000),
  mk("stark", 'Stark "Industrial" Partners', "United States", 540, 400, 35, "2020-05-05", "High", true, false, 70, "2027-05-05", "Pepper Potts", 150000, 2600, 520_000_000),
  mk("zurich", "Zürich Versicherungs AG", "Switzerland", 900, 500, 44, "2021-12-01", "Medium", false, false, 15, "2026-12-12", "", 210000, 3900, 2_400_000_000),
  mk("planb", "Plan B Ventures", "United States", 12, 3, -5, "2026-04-01", "Low", false, true, 0, "2027-04-01", "", 2400, 9, 600_000),
  mk("globex", "Globex Corporation", "United States", 2400, 1300, 47, "2016-06-06", "Low", true, true, 100, "2028-02-02", "Hank Scorpio", 880000, 15000, 6_200_000_000),
  mk("soylent", "Soylent Foods", "United States", 150, null, null, "2023-09-09", null, false, false, 0, null, "", 26000, 480, 66_000_000),
  // two accounts whose start date flips across the tenure cut-off when day and month are swapped (asOf 2026-03-15)
  mk("kowalski", "Kowalski Logistics", "Poland", 140, 100, 52, "2025-10-02", "Medium", true, false, 30, "2026-11-11", "Ewa Nowak", 36000, 420, 48_000_000),
  mk("brightwater", "Brightwater Farms", "United States", 64, 20, 18, "2025-02-10", "High", false, false, 0, "2026-03-03", "", 11000, 160, 19_000_000),
];
const BY = new Map(ACCTS.map((a) => [a.k, a]));
function pick(...keys: string[]): Acct[] {
  return keys.map((k) => {
    const a = BY.get(k);
    if (!a) throw new Error(`no account ${k}`);
    return a;
  });
}

// ───────────────────────────── dates ─────────────────────────────
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
function ymd(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number);
  return [y, m, d];
}
function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
/** EDATE: same day n months later, clamped to the end of the month. */
function edate(iso: string, n: number): string {
  const [y, m, d] = ymd(iso);
  const t = y * 12 + (m - 1) + n;
  const ny = Math.floor(t / 12);
  const nm = (t % 12) + 1;
  return `${ny}-${pad(nm)}-${pad(Math.min(d, daysIn(ny, nm)))}`;
}
type DateFmt = "iso" | "mdy" | "mdy0" | "dmy" | "dmy1" | "dmyDot" | "monDY" | "dMonY" | "compact" | "isoT" | "hs";
function fmtDate(iso: string | null, f: DateFmt, salt = 0): string {
  if (iso === null) return "";
  const [y, m, d] = ymd(iso);
  switch (f) {
    case "iso": return iso;
    case "mdy": return `${m}/${d}/${y}`;
    case "mdy0": return `${pad(m)}/${pad(d)}/${y}`;
    case "dmy": return `${pad(d)}/${pad(m)}/${y}`;
    case "dmy1": return `${d}/${m}/${y}`;
    case "dmyDot": return `${pad(d)}.${pad(m)}.${y}`;
    case "monDY": return `${MON[m - 1]} ${d}, ${y}`;
    case "dMonY": return `${d} ${MON[m - 1]} ${y}`;
    case "compact": return `${y}${pad(m)}${pad(d)}`;
    case "isoT": return `${iso}T${pad(8 + (salt % 9))}:${pad((salt * 7) % 60)}:00`;
    case "hs": return `${iso} ${pad(9 + (salt % 8))}:${pad((salt * 13) % 60)}`;
  }
}
function utcDate(iso: string): Date {
  const [y, m, d] = ymd(iso);
  return new Date(Date.UTC(y, m - 1, d));
}

// ───────────────────────────── numbers ─────────────────────────────
interface NF { dec?: number; thou?: string; point?: string; pre?: string; suf?: string; paren?: boolean }
function fmtNum(v: number | null, o: NF = {}): string {
  if (v === null) return "";
  const neg = v < 0;
  const s = Math.abs(v).toFixed(o.dec ?? 0);
  const [ip0, fp] = s.split(".");
  const ip = o.thou ? ip0.replace(/\B(?=(\d{3})+(?!\d))/g, o.thou) : ip0;
  let out = (o.pre ?? "") + (fp !== undefined ? ip + (o.point ?? ".") + fp : ip) + (o.suf ?? "");
  if (neg) out = o.paren ? `(${out})` : `-${out}`;
  return out;
}

// ───────────────────────────── columns ─────────────────────────────
type XCell = string | number | boolean | Date | null;
interface Col {
  h: string;
  use: Field | null;
  read?: ReadAs;
  key?: keyof Acct; // logical source of a scored column
  r: (a: Acct, i: number) => XCell;
  date?: DateFmt | "cell";
  numFmt?: string; // xlsx only
}
const txt = (h: string, use: Field | null, f: (a: Acct) => string, read: ReadAs | undefined = "text"): Col => ({ h, use, read, r: (a) => f(a) });
const nameCol = (h: string): Col => ({ h, use: "Account", read: "text", key: "name", r: (a) => a.name });
const idCol = (h: string): Col => ({ h, use: "Account ID", read: "text", key: "id", r: (a) => a.id });
function numCol(h: string, use: Field | null, key: keyof Acct, o: NF = {}, read: ReadAs = o.point === "," ? "numbers, decimal comma" : "numbers"): Col {
  return { h, use, read, key: use ? key : undefined, r: (a) => fmtNum(a[key] as number | null, o) };
}
function dateCol(h: string, use: Field | null, key: "start" | "renewal", f: DateFmt): Col {
  const read: ReadAs = f === "mdy" || f === "mdy0" ? "dates, month first" : f === "dmy" || f === "dmy1" || f === "dmyDot" ? "dates, day first" : "dates";
  return { h, use, read, key: use ? key : undefined, date: f, r: (a, i) => fmtDate(a[key], f, i) };
}
function ynCol(h: string, use: "Hiring" | "Funding", key: "hiring" | "funding", yes: string, no: string): Col {
  return { h, use, read: "yes/no", key, r: (a) => (a[key] === null ? "" : a[key] ? yes : no) };
}
/** Adjacent feature usage rendered as yes/no. */
const adjYN = (h: string, yes: string, no: string): Col => ({ h, use: "Adjacent Feature Usage", read: "yes/no", key: "adjacent", r: (a) => (a.adjacent === null ? "" : a.adjacent > 0 ? yes : no) });
const supportCol = (h = "Support Level"): Col => ({ h, use: "Support Level", read: "text", key: "support", r: (a) => a.support ?? "" });
/** Champion: the contact's name, or `none` ("" = blank cell, "No", ...) when there is none. */
const champName = (h: string, none: string): Col => ({ h, use: "Champion", read: "text", key: "champion", r: (a) => a.champion || none });
const champBool = (h: string, yes: string, no: string): Col => ({ h, use: "Champion", read: "yes/no", key: "champion", r: (a) => (a.champion ? yes : no) });

// ───────────────────────────── output formats ─────────────────────────────
type Enc = "utf8" | "utf8bom" | "cp1252" | "utf16le" | "utf16be";
interface CsvOut { type: "csv"; file: string; delim: string; eol: string; enc: Enc; quoteAll?: boolean; after?: string[] }
interface XlsxOut { type: "xlsx"; file: string; before?: XCell[][]; after?: (rows: Row[]) => XCell[][] }
type Out = CsvOut | XlsxOut;

const CP1252_HIGH: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97, "Œ": 0x8c, "œ": 0x9c, "Š": 0x8a, "š": 0x9a, "Ž": 0x8e, "ž": 0x9e, "Ÿ": 0x9f };
function encode(text: string, enc: Enc): Buffer {
  switch (enc) {
    case "utf8": return Buffer.from(text, "utf8");
    case "utf8bom": return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le": return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    case "cp1252": {
      const bytes: number[] = [];
      for (const ch of text.normalize("NFC")) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) bytes.push(cp);
        else if (CP1252_HIGH[ch] !== undefined) bytes.push(CP1252_HIGH[ch]);
        else throw new Error(`cannot encode ${JSON.stringify(ch)} in Windows-1252`);
      }
      return Buffer.from(bytes);
    }
  }
}
function csvField(s: string, delim: string, all: boolean): string {
  return all || s.includes(delim) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvText(lines: string[][], o: CsvOut): string {
  const body = lines.map((l) => l.map((c) => csvField(c, o.delim, !!o.quoteAll)).join(o.delim));
  return [...body, ...(o.after ?? [])].map((l) => l + o.eol).join("");
}
const FIXED = new Date(Date.UTC(2026, 0, 2, 9, 0, 0));
async function xlsxBuffer(grid: XCell[][], fmts: (string | undefined)[], headerRow: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "xsell fixtures";
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet("Sheet1");
  grid.forEach((row, ri) => {
    const r = ws.addRow(row.map((c) => (c === "" ? null : c)));
    if (ri + 1 > headerRow) row.forEach((c, ci) => {
      if (fmts[ci] && c !== null && c !== "" && typeof c !== "string") r.getCell(ci + 1).numFmt = fmts[ci]!;
    });
  });
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  // re-pack with a fixed entry date so the file is byte-for-byte reproducible
  const src = await JSZip.loadAsync(raw);
  const dst = new JSZip();
  for (const name of Object.keys(src.files)) {
    const f = src.files[name];
    if (f.dir) continue;
    dst.file(name, await f.async("nodebuffer"), { date: FIXED, createFolders: false });
  }
  return dst.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

// ───────────────────────────── reference scorer ─────────────────────────────
interface Row { a: Acct; name?: string; bad?: Record<string, string> }
type CellState = { state: "ok" | "blank" | "bad"; v: unknown };
const YESNOISH: Field[] = ["Hiring", "Funding", "Adjacent Feature Usage", "Champion"];

function scoreRecord(rec: Map<Field, CellState>, present: Set<Field>, asOf: string): { score: number; coverage: number | null } {
  let pts = 0;
  let cov = 0;
  let ambiguous = false;
  const ok = (f: Field) => rec.get(f)?.state === "ok";
  const val = (f: Field) => rec.get(f)?.v;
  const blankish = (f: Field) => present.has(f) && rec.get(f)?.state === "blank" && YESNOISH.includes(f);
  // Seats 20
  if (ok("Licenses") && ok("Active Users") && (val("Licenses") as number) > 0) {
    cov += 20;
    if ((val("Active Users") as number) / (val("Licenses") as number) > 0.5) pts += 20;
  }
  // NPS 15
  if (ok("NPS")) { cov += 15; if ((val("NPS") as number) > 40) pts += 15; }
  // Tenure 10
  if (ok("Start Date")) { cov += 10; if ((val("Start Date") as string) < edate(asOf, -6)) pts += 10; }
  // Support 10
  if (ok("Support Level")) { cov += 10; if (["low", "medium"].includes(String(val("Support Level")).toLowerCase())) pts += 10; }
  // Growth 10
  const h = ok("Hiring") ? (val("Hiring") as boolean) : null;
  const fu = ok("Funding") ? (val("Funding") as boolean) : null;
  if (h === true || fu === true) { cov += 10; pts += 10; }
  else if (h === false && fu === false) cov += 10;
  else if (h === false || fu === false || blankish("Hiring") || blankish("Funding")) ambiguous = true;
  // Features 15
  if (ok("Adjacent Feature Usage")) { cov += 15; if ((val("Adjacent Feature Usage") as number) > 0) pts += 15; }
  else if (blankish("Adjacent Feature Usage")) ambiguous = true;
  // Renewal 10
  if (ok("Renewal Date")) { cov += 10; if ((val("Renewal Date") as string) > edate(asOf, 6)) pts += 10; }
  // Champion 10
  if (ok("Champion")) { cov += 10; if (val("Champion")) pts += 10; }
  else if (blankish("Champion")) ambiguous = true;
  return { score: pts, coverage: ambiguous ? null : cov / 100 };
}

// ───────────────────────────── self-check of rendered cells ─────────────────────────────
function parseDateBack(s: XCell, read: ReadAs): string {
  if (s instanceof Date) return s.toISOString().slice(0, 10);
  const t = String(s).trim();
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/))) return `${m[1]}-${m[2]}-${m[3]}`;
  if ((m = t.match(/^(\d{4})(\d{2})(\d{2})$/))) return `${m[1]}-${m[2]}-${m[3]}`;
  if ((m = t.match(/^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/))) return `${m[3]}-${pad(MON.indexOf(m[1]) + 1)}-${pad(+m[2])}`;
  if ((m = t.match(/^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/))) return `${m[3]}-${pad(MON.indexOf(m[2]) + 1)}-${pad(+m[1])}`;
  if ((m = t.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/))) {
    if (read === "dates, month first") return `${m[3]}-${pad(+m[1])}-${pad(+m[2])}`;
    if (read === "dates, day first") return `${m[3]}-${pad(+m[2])}-${pad(+m[1])}`;
  }
  throw new Error(`self-check: cannot read date ${JSON.stringify(s)} as ${read}`);
}
function parseNumBack(s: XCell, read: ReadAs): number {
  if (typeof s === "number") return s;
  let t = String(s).trim();
  const neg = /^\(.*\)$/.test(t) || t.startsWith("-");
  t = t.replace(/[()\-$€%\s\u00a0\u202f]|USD|EUR/g, "");
  t = read === "numbers, decimal comma" ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  const n = Number(t);
  if (t === "" || Number.isNaN(n)) throw new Error(`self-check: cannot read number ${JSON.stringify(s)}`);
  return neg ? -n : n;
}
function checkColumns(caseId: string, cols: Col[], grid: XCell[][], out: Out, args: string[]) {
  cols.forEach((c, ci) => {
    const cells = grid.map((r) => r[ci]).filter((v) => v !== null && v !== "");
    if (out.type === "csv" && out.delim === ";" && c.read === "numbers") throw new Error(`${caseId}/${c.h}: numbers in a ; file must be decimal comma`);
    if (c.read === "numbers, decimal comma" && !(out.type === "csv" && out.delim === ";")) throw new Error(`${caseId}/${c.h}: decimal comma outside a ; file`);
    if (c.read === "empty" && cells.length) throw new Error(`${caseId}/${c.h}: declared empty`);
    if (c.date && c.date !== "cell" && (c.date === "mdy" || c.date === "mdy0" || c.date === "dmy" || c.date === "dmy1")) {
      let dayFirstProof = false, monthFirstProof = false;
      for (const v of cells) {
        const [p, q] = String(v).split("/").map(Number);
        if (p > 12) dayFirstProof = true;
        if (q > 12) monthFirstProof = true;
      }
      if (dayFirstProof && monthFirstProof) throw new Error(`${caseId}/${c.h}: both orders`);
      const dflt = args.includes("dmy") ? "dates, day first" : args.includes("mdy") ? "dates, month first"
        : out.type === "csv" && out.delim === ";" ? "dates, day first" : "dates, month first";
      const want = dayFirstProof ? "dates, day first" : monthFirstProof ? "dates, month first" : dflt;
      if (want !== c.read) throw new Error(`${caseId}/${c.h}: rendered ${c.read} but a reader would take ${want}`);
    }
  });
}
function checkCell(caseId: string, c: Col, a: Acct, cell: XCell) {
  if (!c.key || cell === null || cell === "") return;
  const logical = a[c.key];
  if (c.read?.startsWith("dates")) {
    const back = parseDateBack(cell, c.read);
    if (back !== logical) throw new Error(`${caseId}/${c.h}/${a.name}: ${cell} → ${back} ≠ ${logical}`);
  } else if (c.read?.startsWith("numbers") && typeof logical === "number") {
    const back = parseNumBack(cell, c.read);
    const ok = c.key === "adjacent" ? back > 0 === logical > 0 : Math.abs(back - logical) < 1e-9;
    if (!ok) throw new Error(`${caseId}/${c.h}/${a.name}: ${cell} → ${back} ≠ ${logical}`);
  }
}

// ───────────────────────────── case registry ─────────────────────────────
interface Expected {
  description: string;
  kind: "accounts" | "ownership" | "refused";
  input: string;
  args?: string[];
  asOf: string;
  columns?: { header: string; usedAs: Field | null; readAs?: ReadAs }[];
  scores?: Record<string, number>;
  coverage?: Record<string, number>;
  duplicates?: { count: number; rows: number[] };
  blankNames?: { count: number; rows: number[] };
  owned?: Record<string, string[]>;
  trial?: Record<string, string[]>;
  products?: string[];
  error?: { contains: string[] };
}
interface Built { id: string; readme: string; files: Record<string, Buffer>; expected: Expected }
const CASES: (() => Promise<Built>)[] = [];
const DEFAULT_AS_OF = "2026-06-30";

interface AccCase {
  id: string; description: string; readme: string; asOf?: string; args?: string[];
  cols: Col[]; rows: Row[]; out: Out; coverage?: boolean;
}
function accounts(c: AccCase) {
  CASES.push(async () => {
    const asOf = c.asOf ?? DEFAULT_AS_OF;
    const args = c.args ?? [];
    const grid: XCell[][] = c.rows.map((row, i) => c.cols.map((col) => {
      if (row.bad && row.bad[col.h] !== undefined) return row.bad[col.h];
      if (row.name !== undefined && col.use === "Account") return row.name;
      const v = col.r(row.a, i);
      checkCell(c.id, col, row.a, v);
      return v;
    }));
    for (const row of c.rows) for (const h of Object.keys(row.bad ?? {})) if (!c.cols.some((x) => x.h === h)) throw new Error(`${c.id}: bad cell in unknown column ${h}`);
    checkColumns(c.id, c.cols, grid, c.out, args);

    const nameIdx = c.cols.findIndex((x) => x.use === "Account") >= 0 ? c.cols.findIndex((x) => x.use === "Account") : c.cols.findIndex((x) => x.use === "Account ID");
    const present = new Set(c.cols.filter((x) => x.use).map((x) => x.use as Field));
    const seen = new Map<string, number>();
    const dupRows: number[] = [];
    const blankRows: number[] = [];
    const results: { name: string; score: number; coverage: number | null }[] = [];
    grid.forEach((cells, i) => {
      const rowNo = i + 2; // header row = 1
      const name = String(cells[nameIdx] ?? "").trim();
      if (!name) { blankRows.push(rowNo); return; }
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if (seen.get(name)! > 1) dupRows.push(rowNo);
      const rec = new Map<Field, CellState>();
      c.cols.forEach((col, ci) => {
        if (!col.use || !col.key) return;
        const cell = cells[ci];
        const row = c.rows[i];
        const state: CellState["state"] = row.bad && row.bad[col.h] !== undefined ? "bad" : cell === null || String(cell).trim() === "" ? "blank" : "ok";
        rec.set(col.use, { state, v: row.a[col.key] });
      });
      const s = scoreRecord(rec, present, asOf);
      results.push({ name, ...s });
    });
    const scores: Record<string, number> = {};
    const coverage: Record<string, number> = {};
    for (const r of results) {
      if (seen.get(r.name)! > 1) continue;
      scores[r.name] = r.score;
      if (r.coverage !== null) coverage[r.name] = Math.round(r.coverage * 100) / 100;
    }
    const expected: Expected = {
      description: c.description,
      kind: "accounts",
      input: c.out.file,
      ...(args.length ? { args } : {}),
      asOf,
      columns: c.cols.map((x) => ({ header: x.h, usedAs: x.use, ...(x.read ? { readAs: x.read } : {}) })),
      scores,
      ...(c.coverage === false ? {} : { coverage }),
      ...(dupRows.length ? { duplicates: { count: dupRows.length, rows: dupRows } } : {}),
      ...(blankRows.length ? { blankNames: { count: blankRows.length, rows: blankRows } } : {}),
    };
    const header = c.cols.map((x) => x.h);
    let file: Buffer;
    if (c.out.type === "csv") {
      const o = c.out;
      file = encode(csvText([header, ...grid.map((r) => r.map((v) => {
        if (typeof v !== "string") throw new Error(`${c.id}: non-text cell in csv`);
        return v;
      }))], o), o.enc);
    } else {
      const before = c.out.before ?? [];
      const after = c.out.after ? c.out.after(c.rows) : [];
      file = await xlsxBuffer([...before, header, ...grid, ...after], c.cols.map((x) => x.numFmt), before.length + 1);
    }
    return { id: c.id, readme: c.readme, files: { [c.out.file]: file }, expected };
  });
}

// ───────────────────────────── ownership ─────────────────────────────
const nkey = (p: string) => p.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
function statusClass(s: string | undefined): "paid" | "trial" | "none" {
  if (s === undefined) return "paid"; // no Status column
  const t = s.trim().toLowerCase();
  if (t === "active" || t === "closed won") return "paid";
  if (t === "trial") return "trial";
  return "none";
}
function wideClass(s: string): "paid" | "trial" | "none" {
  const t = s.trim().toLowerCase();
  if (["active", "yes", "true", "x"].includes(t)) return "paid";
  if (/^\d+(\.\d+)?$/.test(t) && Number(t) > 0) return "paid";
  if (t === "trial") return "trial";
  return "none";
}
function ownershipExpected(entries: { acct: string; product: string; cls: "paid" | "trial" | "none"; start?: string | null; end?: string | null }[], asOf: string) {
  const products: string[] = [];
  const canon = new Map<string, string>();
  const accts: string[] = [];
  const owned = new Map<string, Set<string>>();
  const trial = new Map<string, Set<string>>();
  for (const e of entries) {
    const k = nkey(e.product);
    if (!canon.has(k)) { canon.set(k, e.product.normalize("NFC").trim().replace(/\s+/g, " ")); products.push(canon.get(k)!); }
    if (!accts.includes(e.acct)) { accts.push(e.acct); owned.set(e.acct, new Set()); }
    const live = (!e.start || e.start <= asOf) && (!e.end || e.end > asOf);
    if (!live) continue;
    if (e.cls === "paid") owned.get(e.acct)!.add(canon.get(k)!);
    if (e.cls === "trial") { if (!trial.has(e.acct)) trial.set(e.acct, new Set()); trial.get(e.acct)!.add(canon.get(k)!); }
  }
  const order = (s: Set<string>) => products.filter((p) => s.has(p));
  for (const [a, t] of trial) for (const p of t) if (owned.get(a)!.has(p)) throw new Error(`ambiguous: ${a} owns and trials ${p}`);
  return {
    owned: Object.fromEntries(accts.map((a) => [a, order(owned.get(a)!)])),
    trial: Object.fromEntries([...trial].map(([a, s]) => [a, order(s)])),
    products,
  };
}
interface OCol { h: string; use: Field | null; read?: ReadAs }
interface LongRow { acct: string; product: string; status?: string; start?: string | null; end?: string | null; cells: string[] }
function longOwnership(c: { id: string; description: string; readme: string; asOf?: string; cols: OCol[]; rows: LongRow[]; out: CsvOut }) {
  CASES.push(async () => {
    const asOf = c.asOf ?? DEFAULT_AS_OF;
    const hasStatus = c.cols.some((x) => x.use === "Status");
    const exp = ownershipExpected(c.rows.map((r) => ({ acct: r.acct, product: r.product, cls: statusClass(hasStatus ? r.status ?? "" : undefined), start: r.start, end: r.end })), asOf);
    const expected: Expected = {
      description: c.description, kind: "ownership", input: c.out.file, asOf,
      columns: c.cols.map((x) => ({ header: x.h, usedAs: x.use, ...(x.read ? { readAs: x.read } : {}) })),
      ...exp,
    };
    const text = csvText([c.cols.map((x) => x.h), ...c.rows.map((r) => r.cells)], c.out);
    return { id: c.id, readme: c.readme, files: { [c.out.file]: encode(text, c.out.enc) }, expected };
  });
}
function wideOwnership(c: { id: string; description: string; readme: string; asOf?: string; acctHeader: string; products: string[]; rows: [string, ...string[]][]; out: CsvOut }) {
  CASES.push(async () => {
    const asOf = c.asOf ?? DEFAULT_AS_OF;
    const entries = c.rows.flatMap(([acct, ...cells]) => c.products.map((p, i) => ({ acct, product: p, cls: wideClass(cells[i] ?? "") })));
    const exp = ownershipExpected(entries, asOf);
    exp.products = c.products; // header order
    const expected: Expected = {
      description: c.description, kind: "ownership", input: c.out.file, asOf,
      columns: [{ header: c.acctHeader, usedAs: "Account", readAs: "text" }, ...c.products.map((p) => ({ header: p, usedAs: "Product" as Field, readAs: "text" as ReadAs }))],
      ...exp,
    };
    const text = csvText([[c.acctHeader, ...c.products], ...c.rows], c.out);
    return { id: c.id, readme: c.readme, files: { [c.out.file]: encode(text, c.out.enc) }, expected };
  });
}
function refused(c: { id: string; description: string; readme: string; file: string; bytes: Buffer; contains: string[] }) {
  CASES.push(async () => ({
    id: c.id, readme: c.readme, files: { [c.file]: c.bytes },
    expected: { description: c.description, kind: "refused", input: c.file, asOf: DEFAULT_AS_OF, error: { contains: c.contains } },
  }));
}
const rows = (...keys: string[]): Row[] => pick(...keys).map((a) => ({ a }));
const CSV = (o: Partial<CsvOut> = {}): CsvOut => ({ type: "csv", file: "input.csv", delim: ",", eol: "\n", enc: "utf8", ...o });

// ═════════════════════════════ the cases ═════════════════════════════
const SF_FOOTER = (n: number) => [
  '""',
  `"Grand Totals (${n} records)"`,
  '""',
  '"Confidential Information - Do Not Distribute"',
  '""',
  '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  '"Generated By: Dana Whitfield  6/30/2026 9:14 AM"',
];
{
  const r = rows("muller", "societe", "acme", "northwind", "fabrikam", "initech", "contoso", "wayne", "hooli", "pied", "vandelay", "bluth", "cyberdyne", "stark", "globex", "soylent");
  accounts({
    id: "01-salesforce-report-csv",
    description: "Salesforce account report (Details Only CSV), every field quoted, M/D/YYYY dates, Grand Totals / Confidential / Copyright / Generated By footer lines",
    readme: "Salesforce report CSV export: custom seat/usage fields, US dates, names with comma and embedded quotes, footer lines that are not accounts; Annual Revenue is the company's revenue (ignored).",
    cols: [
      nameCol("Account Name"), idCol("Account ID"), txt("Type", null, (a) => a.type), txt("Billing Country", null, (a) => a.country),
      numCol("Annual Revenue", null, "revenue"), numCol("Number of Seats", "Licenses", "licenses"), numCol("Active Users (30d)", "Active Users", "active"),
      numCol("NPS Score", "NPS", "nps"), dateCol("Customer Since", "Start Date", "start", "mdy"), supportCol(),
      ynCol("Hiring", "Hiring", "hiring", "Yes", "No"), ynCol("Funding", "Funding", "funding", "Yes", "No"), adjYN("Adjacent Feature Usage", "Yes", "No"),
      dateCol("Renewal Date", "Renewal Date", "renewal", "mdy"), champName("Champion", ""), numCol("ARR", "ARR", "arr", { dec: 2 }),
    ],
    rows: r,
    out: CSV({ quoteAll: true, eol: "\r\n", after: SF_FOOTER(r.length) }),
  });
}
{
  const r = rows("muller", "otsuka", "acme", "fabrikam", "contoso", "pied", "bluth", "cyberdyne", "tyrell", "nakatomi", "creme", "zurich");
  accounts({
    id: "02-salesforce-report-xlsx",
    description: "Salesforce formatted report (.xlsx): title row above the header, real date cells, numeric cells, Grand Totals row with sums, confidentiality footer",
    readme: "Salesforce formatted .xlsx report: title row before the header, date cells, a Grand Totals row carrying sums (not an account), footer text rows.",
    cols: [
      nameCol("Account Name"), idCol("Account ID"), txt("Account Owner", null, (a) => a.owner),
      { h: "Number of Seats", use: "Licenses", read: "numbers", key: "licenses", r: (a) => a.licenses, numFmt: "#,##0" },
      { h: "Active Users (30d)", use: "Active Users", read: "numbers", key: "active", r: (a) => a.active, numFmt: "#,##0" },
      { h: "NPS Score", use: "NPS", read: "numbers", key: "nps", r: (a) => a.nps },
      { h: "Customer Since", use: "Start Date", read: "dates", key: "start", date: "cell", r: (a) => (a.start ? utcDate(a.start) : null), numFmt: "m/d/yyyy" },
      supportCol(),
      { h: "Adjacent Feature Usage", use: "Adjacent Feature Usage", read: "numbers", key: "adjacent", r: (a) => a.adjacent },
      { h: "Renewal Date", use: "Renewal Date", read: "dates", key: "renewal", date: "cell", r: (a) => (a.renewal ? utcDate(a.renewal) : null), numFmt: "m/d/yyyy" },
      champName("Champion", ""),
      { h: "Annual Revenue", use: null, read: "numbers", r: (a) => a.revenue, numFmt: '"$"#,##0.00' },
    ],
    rows: r,
    out: {
      type: "xlsx", file: "input.xlsx",
      before: [["Cross-Sell Readiness - Customer Accounts"], []],
      after: (rs) => [
        [],
        ["Grand Totals (" + rs.length + " records)", null, null, rs.reduce((s, x) => s + (x.a.licenses ?? 0), 0), rs.reduce((s, x) => s + (x.a.active ?? 0), 0)],
        [],
        ["Confidential Information - Do Not Distribute"],
        ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
      ],
    },
  });
}
accounts({
  id: "03-salesforce-dataloader-csv",
  description: "Salesforce Data Loader extract: API field names, all fields quoted, numbers as 250.0, ISO dates, checkbox true/false",
  readme: "Salesforce Data Loader CSV: API names (Seats__c, Active_Users__c, NPS__c, Renewal_Date__c, Champion__c checkbox), NumberOfEmployees/AnnualRevenue ignored.",
  cols: [
    idCol("Id"), nameCol("Name"), numCol("NumberOfEmployees", null, "employees"), numCol("AnnualRevenue", null, "revenue", { dec: 1 }),
    numCol("ARR__c", "ARR", "arr", { dec: 1 }), numCol("Seats__c", "Licenses", "licenses", { dec: 1 }), numCol("Active_Users__c", "Active Users", "active", { dec: 1 }),
    numCol("NPS__c", "NPS", "nps", { dec: 1 }), dateCol("Customer_Since__c", "Start Date", "start", "iso"), supportCol("Support_Level__c"),
    ynCol("Hiring__c", "Hiring", "hiring", "true", "false"), ynCol("Funding__c", "Funding", "funding", "true", "false"),
    adjYN("Adjacent_Feature_Usage__c", "true", "false"), dateCol("Renewal_Date__c", "Renewal Date", "renewal", "iso"), champBool("Champion__c", "true", "false"),
  ],
  rows: rows("muller", "societe", "otsuka", "acme", "northwind", "initech", "hooli", "pied", "vandelay", "dunder", "akesson", "saopaulo", "obrien", "planb", "soylent"),
  out: CSV({ quoteAll: true }),
});
accounts({
  id: "04-hubspot-companies-csv",
  description: "HubSpot companies export: Record ID, Company name, Create Date as '2025-04-03 14:22', custom properties, true/false checkboxes",
  readme: "HubSpot companies export: Record ID as account id, Create Date / Annual Revenue / Number of Employees / Lifecycle Stage ignored, Became a Customer Date is the start date.",
  cols: [
    { h: "Record ID", use: "Account ID", read: "text", r: (a) => a.hs },
    nameCol("Company name"), txt("Company Domain Name", null, (a) => a.domain),
    { h: "Create Date", use: null, read: "dates", r: (a, i) => fmtDate(edate(a.start ?? "2023-01-01", -2), "hs", i) },
    txt("Lifecycle Stage", null, () => "Customer"), numCol("Annual Revenue", null, "revenue"), numCol("Number of Employees", null, "employees"),
    dateCol("Became a Customer Date", "Start Date", "start", "hs"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"),
    numCol("NPS", "NPS", "nps"), supportCol(), ynCol("Hiring", "Hiring", "hiring", "true", "false"), ynCol("Funding", "Funding", "funding", "true", "false"),
    numCol("Adjacent Feature Usage", "Adjacent Feature Usage", "adjacent"), dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
    champName("Champion", ""), numCol("ARR", "ARR", "arr", { dec: 2 }),
  ],
  rows: rows("muller", "societe", "otsuka", "acme", "fabrikam", "contoso", "wayne", "bluth", "tyrell", "creme", "stark", "globex"),
  out: CSV({ quoteAll: true }),
});
accounts({
  id: "05-gainsight-csv",
  description: "Gainsight company report: Company Name, ARR as $48,000.00, Licensed Users / Active Users, MM/DD/YYYY dates",
  readme: "Gainsight CSV: $-formatted ARR, Licensed Users, zero-padded US dates, Stage / CSM / Overall Score ignored, champion 'No' when none.",
  cols: [
    nameCol("Company Name"), numCol("ARR", "ARR", "arr", { dec: 2, thou: ",", pre: "$" }), numCol("NPS", "NPS", "nps"),
    numCol("Licensed Users", "Licenses", "licenses", { thou: "," }), numCol("Active Users", "Active Users", "active", { thou: "," }),
    dateCol("Renewal Date", "Renewal Date", "renewal", "mdy0"), dateCol("Customer Since", "Start Date", "start", "mdy0"),
    txt("Stage", null, (a) => ((a.nps ?? 0) > 40 ? "Adopting" : "Renewing")), txt("CSM", null, (a) => a.owner),
    { h: "Overall Score", use: null, read: "numbers", r: (a) => String(40 + ((a.arr / 1000) % 60 | 0)) },
    supportCol(), adjYN("Adjacent Feature Usage", "Yes", "No"), champName("Champion", "No"),
  ],
  rows: rows("muller", "societe", "acme", "northwind", "fabrikam", "contoso", "wayne", "hooli", "cyberdyne", "dunder", "akesson", "obrien", "zurich", "globex"),
  out: CSV({ eol: "\r\n" }),
});
accounts({
  id: "06-churnzero-csv",
  description: "ChurnZero accounts export: Account External ID, Total Contract Amount (not ARR), Licenses, NPS Score, Next Renewal Date",
  readme: "ChurnZero CSV: Account External ID = Salesforce id, Total Contract Amount and ChurnScore ignored, M/D/YYYY Start Date and Next Renewal Date.",
  cols: [
    nameCol("Account Name"), idCol("Account External ID"), numCol("Total Contract Amount", null, "arr", { dec: 2, thou: ",", pre: "$" }),
    numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS Score", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "mdy"), dateCol("Next Renewal Date", "Renewal Date", "renewal", "mdy"),
    { h: "ChurnScore", use: null, read: "numbers", r: (a) => String((a.licenses ?? 0) % 97) }, txt("Owner", null, (a) => a.owner),
    champName("Champion", "No"), ynCol("Hiring", "Hiring", "hiring", "Yes", "No"), ynCol("Funding", "Funding", "funding", "Yes", "No"),
  ],
  rows: rows("societe", "otsuka", "acme", "northwind", "initech", "contoso", "pied", "vandelay", "bluth", "tyrell", "nakatomi", "saopaulo", "stark"),
  out: CSV(),
});
accounts({
  id: "07-totango-csv",
  description: "Totango accounts export: Account ID, Account name, Contract value (ignored), Active users, Licenses, Contract renewal date",
  readme: "Totango CSV: lower-case headers, Contract value ignored (not stated to be annual), ISO renewal dates, Health / Success Manager ignored.",
  cols: [
    idCol("Account ID"), nameCol("Account name"), numCol("Contract value", null, "arr"), numCol("Active users", "Active Users", "active"),
    numCol("Licenses", "Licenses", "licenses"), numCol("NPS", "NPS", "nps"), dateCol("Contract renewal date", "Renewal Date", "renewal", "iso"),
    dateCol("Customer since", "Start Date", "start", "iso"), txt("Health", null, (a) => ((a.active ?? 0) / Math.max(1, a.licenses ?? 1) > 0.5 ? "Good" : "Poor")),
    txt("Success Manager", null, (a) => a.owner),
  ],
  rows: rows("muller", "otsuka", "northwind", "fabrikam", "initech", "wayne", "hooli", "pied", "cyberdyne", "tyrell", "creme", "planb", "soylent"),
  out: CSV(),
});
accounts({
  id: "08-excel-de-semicolon-cp1252",
  description: "Excel de-DE 'CSV (Trennzeichen-getrennt)': ; delimiter, Windows-1252, CRLF, decimal comma 24.328,80, 1.200 = 1200 seats, DD.MM.YYYY dates",
  readme: "Excel de-DE CSV: ';', Windows-1252 (Müller, Société), decimal comma ARR, thousands-dot seat counts (1.200), 0,35 usage shares, D.M.YYYY dates.",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses", { thou: ".", point: "," }), numCol("Active Users", "Active Users", "active", { thou: ".", point: "," }),
    numCol("NPS", "NPS", "nps", { point: "," }), numCol("ARR", "ARR", "arr", { dec: 2, thou: ".", point: "," }),
    dateCol("Start Date", "Start Date", "start", "dmyDot"), dateCol("Renewal Date", "Renewal Date", "renewal", "dmyDot"), supportCol(),
    { h: "Adjacent Feature Usage", use: "Adjacent Feature Usage", read: "numbers, decimal comma", key: "adjacent", r: (a) => (a.adjacent === null ? "" : a.adjacent === 0 ? "0" : fmtNum(a.adjacent / 100, { dec: 2, point: "," })) },
    champName("Champion", ""),
  ],
  rows: rows("muller", "societe", "acme", "northwind", "initech", "wayne", "creme", "akesson", "zurich", "globex", "kowalski", "obrien"),
  out: CSV({ delim: ";", eol: "\r\n", enc: "cp1252" }),
});
accounts({
  id: "09-excel-fr-semicolon-utf8bom",
  description: "Excel fr-FR 'CSV UTF-8': BOM, ; delimiter, CRLF, thousands with U+202F / U+00A0, decimal comma, '243 288,80 €', DD/MM/YYYY",
  readme: "Excel fr-FR CSV UTF-8: ';', narrow no-break space (U+202F) and no-break space thousands, euro suffix, day-first slash dates by default.",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses", { thou: "\u202f", point: "," }), numCol("Active Users", "Active Users", "active", { thou: "\u202f", point: "," }),
    numCol("NPS", "NPS", "nps", { point: "," }), numCol("ARR", "ARR", "arr", { dec: 2, thou: "\u00a0", point: ",", suf: "\u00a0€" }),
    dateCol("Start Date", "Start Date", "start", "dmy"), dateCol("Renewal Date", "Renewal Date", "renewal", "dmy"), supportCol(),
    { h: "Adjacent Feature Usage", use: "Adjacent Feature Usage", read: "numbers, decimal comma", key: "adjacent", r: (a) => (a.adjacent === null ? "" : fmtNum(a.adjacent * 13.7, { dec: 1, thou: "\u202f", point: "," })) },
    champName("Champion", ""),
  ],
  rows: rows("societe", "creme", "muller", "otsuka", "acme", "contoso", "wayne", "cyberdyne", "globex", "pied", "planb"),
  out: CSV({ delim: ";", eol: "\r\n", enc: "utf8bom" }),
  coverage: true,
});
accounts({
  id: "10-google-sheets-csv",
  description: "Google Sheets 'Download → CSV': minimal quoting, ISO start dates, M/D/YYYY renewal dates, TRUE/FALSE checkboxes",
  readme: "Google Sheets CSV download: plain numbers, ISO and M/D dates side by side, TRUE/FALSE checkbox columns, champion 'No' when none.",
  cols: [
    nameCol("Account"), idCol("Account ID"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "iso"), dateCol("Renewal Date", "Renewal Date", "renewal", "mdy"), supportCol(),
    ynCol("Hiring", "Hiring", "hiring", "TRUE", "FALSE"), ynCol("Funding", "Funding", "funding", "TRUE", "FALSE"), adjYN("Adjacent Feature Usage", "TRUE", "FALSE"),
    champName("Champion", "No"),
  ],
  rows: rows("acme", "hooli", "fabrikam", "initech", "bluth", "tyrell", "nakatomi", "dunder", "saopaulo", "stark", "planb", "kowalski", "brightwater"),
  out: CSV({ eol: "\r\n" }),
});
accounts({
  id: "11-windows-1252-csv",
  description: "Windows-1252 encoded comma CSV (Excel en-US 'CSV (Comma delimited)'): Müller, Société, Crème Brûlée, curly apostrophe, € prefix",
  readme: "Windows-1252 CSV: accented names, O’Brien with a curly apostrophe (0x92), €-prefixed ARR (0x80), M/D/YYYY dates, CRLF.",
  cols: [
    nameCol("Account Name"), numCol("Seats", "Licenses", "licenses", { thou: "," }), numCol("Active Users", "Active Users", "active", { thou: "," }), numCol("NPS", "NPS", "nps"),
    dateCol("Customer Since", "Start Date", "start", "mdy"), dateCol("Renewal Date", "Renewal Date", "renewal", "mdy"), supportCol(),
    champName("Champion", ""), numCol("ARR", "ARR", "arr", { dec: 2, thou: ",", pre: "€" }),
  ],
  rows: [...rows("muller", "societe", "creme", "akesson", "saopaulo"), { a: BY.get("obrien")!, name: "O’Brien & Sons" }, ...rows("zurich", "contoso", "vandelay", "wayne")],
  out: CSV({ eol: "\r\n", enc: "cp1252" }),
});
accounts({
  id: "12-utf16le-bom-tab",
  description: "Excel 'Unicode Text' save: UTF-16 LE with BOM, tab-delimited, CRLF, displayed formats (1,200 and M/D/YYYY)",
  readme: "UTF-16 LE + BOM tab-delimited .txt (Excel Unicode Text): Ōtsuka (not in Windows-1252), quoted name with embedded quotes.",
  cols: [
    nameCol("Account Name"), numCol("Licenses", "Licenses", "licenses", { thou: "," }), numCol("Active Users", "Active Users", "active", { thou: "," }), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "mdy"), dateCol("Renewal Date", "Renewal Date", "renewal", "mdy"),
    ynCol("Hiring", "Hiring", "hiring", "Yes", "No"), ynCol("Funding", "Funding", "funding", "Yes", "No"), champName("Champion", "No"),
  ],
  rows: rows("otsuka", "muller", "stark", "societe", "globex", "initech", "tyrell", "bluth", "planb", "vandelay"),
  out: CSV({ file: "input.txt", delim: "\t", eol: "\r\n", enc: "utf16le" }),
});
accounts({
  id: "13-utf16be-bom-csv",
  description: "UTF-16 BE with BOM, comma-delimited, LF",
  readme: "UTF-16 BE + BOM CSV: byte order must be detected from the BOM; ISO renewal dates, Yes/No adjacent usage.",
  cols: [
    nameCol("Account"), idCol("Account ID"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    supportCol(), adjYN("Adjacent Feature Usage", "Yes", "No"), dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
  ],
  rows: rows("otsuka", "societe", "northwind", "contoso", "cyberdyne", "dunder", "creme", "zurich", "soylent"),
  out: CSV({ enc: "utf16be" }),
});
accounts({
  id: "14-utf8-bom-crlf-csv",
  description: "Excel en-US 'CSV UTF-8': BOM, CRLF, quoted 1,200 and $48,000.00",
  readme: "UTF-8 BOM + CRLF CSV from Excel en-US: thousands separators and $ amounts inside quotes, the BOM must not stick to the first header.",
  cols: [
    nameCol("Account Name"), numCol("Licenses", "Licenses", "licenses", { thou: "," }), numCol("Active Users", "Active Users", "active", { thou: "," }), numCol("NPS", "NPS", "nps"),
    dateCol("Customer Since", "Start Date", "start", "mdy"), dateCol("Renewal Date", "Renewal Date", "renewal", "mdy"), supportCol(),
    ynCol("Hiring", "Hiring", "hiring", "Yes", "No"), ynCol("Funding", "Funding", "funding", "Yes", "No"), adjYN("Adjacent Feature Usage", "Yes", "No"),
    champName("Champion", "No"), numCol("ARR", "ARR", "arr", { dec: 2, thou: ",", pre: "$" }),
  ],
  rows: rows("muller", "societe", "otsuka", "acme", "northwind", "fabrikam", "initech", "contoso", "wayne", "hooli", "pied", "vandelay", "bluth", "cyberdyne", "globex"),
  out: CSV({ eol: "\r\n", enc: "utf8bom" }),
});
accounts({
  id: "15-tab-delimited-tsv",
  description: "Tab-delimited .tsv product-usage export, ISO dates, adjacent usage as event counts",
  readme: "TSV export: tab delimiter (names contain commas, unquoted), event counts for adjacent features (0 = not used).",
  cols: [
    nameCol("Account"), idCol("Account ID"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "iso"), dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
    { h: "Adjacent Feature Usage", use: "Adjacent Feature Usage", read: "numbers", key: "adjacent", r: (a) => (a.adjacent === null ? "" : String(a.adjacent * 17)) },
    champName("Champion", "No"),
  ],
  rows: rows("fabrikam", "acme", "hooli", "pied", "kowalski", "brightwater", "tyrell", "nakatomi", "saopaulo", "obrien", "globex"),
  out: CSV({ file: "input.tsv", delim: "\t" }),
});
accounts({
  id: "16-pipe-delimited-txt",
  description: "Pipe-delimited .txt extract, compact yyyymmdd start dates, ISO renewal dates",
  readme: "Pipe-delimited .txt: '|' separator, compact 20250403 dates (dates, not numbers), Low/Medium/High support.",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "compact"), supportCol(), dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
    ynCol("Hiring", "Hiring", "hiring", "Y", "N"), ynCol("Funding", "Funding", "funding", "Y", "N"),
  ],
  rows: rows("muller", "societe", "contoso", "vandelay", "bluth", "dunder", "akesson", "zurich", "planb", "brightwater"),
  out: CSV({ file: "input.txt", delim: "|" }),
});
accounts({
  id: "17-currency-negatives-csv",
  description: "Formatted en-US sheet: $1,200.00 and USD 1,200 in one column, accounting negatives (15), 45% usage, (500) credit",
  readme: "Currency/negatives: ARR mixes $x,xxx.00 and 'USD x,xxx', NPS negatives in parentheses, adjacent usage as 45% / 0%, Credit Balance ignored.",
  cols: [
    nameCol("Account Name"), { h: "ARR", use: "ARR", read: "numbers", r: (a, i) => (i % 2 ? fmtNum(a.arr, { thou: ",", pre: "USD " }) : fmtNum(a.arr, { dec: 2, thou: ",", pre: "$" })) },
    numCol("Licenses", "Licenses", "licenses", { thou: "," }), numCol("Active Users", "Active Users", "active", { thou: "," }), numCol("NPS", "NPS", "nps", { paren: true }),
    numCol("Adjacent Feature Usage", "Adjacent Feature Usage", "adjacent", { suf: "%" }),
    { h: "Credit Balance", use: null, read: "numbers", r: (_a, i) => (i % 3 === 0 ? "(500)" : "0") },
    dateCol("Renewal Date", "Renewal Date", "renewal", "mdy"), champName("Champion", "No"),
  ],
  rows: rows("fabrikam", "vandelay", "planb", "globex", "societe", "muller", "pied", "wayne", "otsuka", "stark"),
  out: CSV(),
});
accounts({
  id: "18-currency-eur-semicolon",
  description: "; delimited sheet with €1.200,00 amounts, 1.200 seats, -12 NPS, 45% usage, D/M/YYYY renewal (no day above 12: default day first), D.M.YYYY start",
  readme: "Euro amounts (€1.200,00), thousands-dot seats, negative -1.200,50 balance ignored, slash dates with no proof read day-first because the file is ';'.",
  cols: [
    nameCol("Account"), numCol("ARR", "ARR", "arr", { dec: 2, thou: ".", point: ",", pre: "€" }), numCol("Licenses", "Licenses", "licenses", { thou: ".", point: "," }),
    numCol("Active Users", "Active Users", "active", { thou: ".", point: "," }), numCol("NPS", "NPS", "nps", { point: "," }),
    numCol("Adjacent Feature Usage", "Adjacent Feature Usage", "adjacent", { point: ",", suf: "%" }),
    { h: "Balance", use: null, read: "numbers, decimal comma", r: (_a, i) => (i % 3 === 1 ? "-1.200,50" : "0,00") },
    dateCol("Start Date", "Start Date", "start", "dmyDot"), dateCol("Renewal Date", "Renewal Date", "renewal", "dmy"),
  ],
  rows: rows("wayne", "hooli", "pied", "vandelay", "cyberdyne", "dunder", "contoso", "planb", "globex", "stark", "zurich"),
  out: CSV({ delim: ";" }),
});
accounts({
  id: "19-dates-month-names",
  description: "Month-name dates: 'Apr 3, 2025' (quoted, contains a comma) and '3 Apr 2025'",
  readme: "Month-name dates in both orders of writing; 'Apr 3, 2025' is quoted because of its comma.",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"),
    dateCol("Start Date", "Start Date", "start", "monDY"), dateCol("Renewal Date", "Renewal Date", "renewal", "dMonY"), champName("Champion", "No"),
  ],
  rows: rows("muller", "otsuka", "acme", "northwind", "fabrikam", "initech", "bluth", "tyrell", "kowalski", "soylent"),
  out: CSV(),
});
accounts({
  id: "20-dates-iso-datetime",
  description: "ISO date-times: '2021-03-15T09:30:00' start dates and HubSpot-style '2027-04-12 14:22' renewal dates",
  readme: "ISO date-time text (T separator, no zone) and 'YYYY-MM-DD HH:MM'; the calendar day is what counts.",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "isoT"), dateCol("Renewal Date", "Renewal Date", "renewal", "hs"), supportCol(),
  ],
  rows: rows("northwind", "fabrikam", "acme", "pied", "otsuka", "tyrell", "nakatomi", "cyberdyne", "saopaulo"),
  out: CSV(),
});
accounts({
  id: "21-dates-dmy-proven-comma",
  description: "UK comma CSV with DD/MM/YYYY dates; each date column has a day above 12, which proves day-first without any flag",
  readme: "Day-first slash dates in a comma file, proven per column by a day > 12 (15/03/2021, 15/01/2027).",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "dmy"), dateCol("Renewal Date", "Renewal Date", "renewal", "dmy"), supportCol(), champName("Champion", "No"),
  ],
  rows: rows("contoso", "muller", "otsuka", "wayne", "hooli", "pied", "vandelay", "creme", "obrien", "kowalski", "brightwater"),
  out: CSV({ eol: "\r\n" }),
});
{
  const noProof = ["wayne", "hooli", "pied", "vandelay", "cyberdyne", "dunder", "contoso", "planb", "globex", "stark", "zurich", "kowalski", "brightwater"];
  const cols = (f: DateFmt): Col[] => [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", f), dateCol("Renewal Date", "Renewal Date", "renewal", f), champName("Champion", "No"),
  ];
  accounts({
    id: "22-dates-no-proof-default-mdy",
    description: "Comma CSV whose slash dates never exceed 12 in either part: no proof, so the default (month first) applies",
    readme: "No proof of order (all parts ≤ 12) in a comma file → month first; Kowalski/Brightwater flip across the cut-offs if read the other way.",
    asOf: "2026-03-15",
    cols: cols("mdy0"),
    rows: rows(...noProof),
    out: CSV(),
  });
  accounts({
    id: "23-dates-no-proof-dmy-flag",
    description: "Same shape as 22 but written day first and run with --date-order dmy",
    readme: "No proof of order + --date-order dmy → day first; expected scores differ from a month-first misreading for Kowalski and Brightwater.",
    asOf: "2026-03-15",
    args: ["--date-order", "dmy"],
    cols: cols("dmy"),
    rows: rows(...noProof),
    out: CSV(),
  });
}
refused({
  id: "24-refused-dates-both-orders",
  description: "A date column proving both orders: 13/04/2026 (day first) and 04/13/2026 (month first)",
  readme: "Renewal Date holds 13/04/2026 and 04/13/2026: contradictory proofs → refused, naming both cells.",
  file: "input.csv",
  bytes: encode([
    "Account,Licenses,Active Users,Renewal Date",
    "Acme Corp,500,260,03/04/2026",
    "Hooli,60,45,13/04/2026",
    "Pied Piper,25,24,05/06/2026",
    "Contoso Ltd.,320,300,04/13/2026",
    "Wayne Enterprises,1000,350,11/12/2026",
    "",
  ].join("\n"), "utf8"),
  contains: ["Renewal Date", "13/04/2026", "04/13/2026"],
});
accounts({
  id: "25-unreadable-cells",
  description: "Unreadable cells (n/a, TBD, ??, #N/A) in numeric and date columns count as missing; the rest is scored",
  readme: "n/a in NPS, TBD in Renewal/Start Date, ?? in Licenses, #N/A in Active Users: those criteria are missing (coverage drops), everything else scores.",
  cols: [
    nameCol("Account Name"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "iso"), dateCol("Renewal Date", "Renewal Date", "renewal", "iso"), supportCol(),
    ynCol("Hiring", "Hiring", "hiring", "Yes", "No"), ynCol("Funding", "Funding", "funding", "Yes", "No"),
    numCol("Adjacent Feature Usage", "Adjacent Feature Usage", "adjacent"), champName("Champion", "No"),
  ],
  rows: [
    { a: BY.get("muller")!, bad: { NPS: "n/a" } },
    { a: BY.get("acme")!, bad: { "Renewal Date": "TBD" } },
    { a: BY.get("contoso")!, bad: { Licenses: "??" } },
    { a: BY.get("cyberdyne")!, bad: { "Active Users": "#N/A" } },
    { a: BY.get("hooli")!, bad: { "Start Date": "TBD", NPS: "??" } },
    ...rows("pied", "vandelay", "bluth", "initech", "soylent", "globex"),
  ],
  out: CSV(),
});
accounts({
  id: "26-duplicates-and-blank-names",
  description: "Repeated account rows and blank / whitespace-only account names",
  readme: "Acme Corp appears 3 times and Hooli twice (2nd+ rows reported, names left out of scores); two rows have no account name.",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Renewal Date", "Renewal Date", "renewal", "iso"), champName("Champion", "No"),
  ],
  rows: [
    ...rows("muller", "acme", "hooli", "acme"),
    { a: BY.get("pied")!, name: "" },
    ...rows("bluth", "acme", "vandelay", "hooli"),
    { a: BY.get("wayne")!, name: "   " },
    ...rows("otsuka"),
  ],
  out: CSV(),
});
accounts({
  id: "27-arguable-headers-ignored",
  description: "Headers whose meaning is arguable are ignored: Support Plan (a plan tier), Annual Revenue (the company's revenue), Employees, Health Score, Last Activity",
  readme: "Arguable headers must not be guessed: Support Plan ≠ Support Level, Annual Revenue ≠ ARR, Employees/Health Score/Last Activity ignored; coverage shows they were not used.",
  cols: [
    nameCol("Account Name"), txt("Support Plan", null, (a) => (a.support?.toLowerCase() === "high" ? "Premium" : a.support?.toLowerCase() === "low" ? "Basic" : "Standard")),
    numCol("Annual Revenue", null, "revenue"), numCol("Employees", null, "employees"),
    { h: "Health Score", use: null, read: "numbers", r: (a) => String(((a.nps ?? 0) + 100) >> 1) },
    { h: "Last Activity", use: null, read: "dates", r: (_a, i) => fmtDate(`2026-06-${pad(1 + i)}`, "iso") },
    numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
  ],
  rows: rows("muller", "otsuka", "acme", "contoso", "hooli", "vandelay", "bluth", "tyrell", "planb"),
  out: CSV(),
});
accounts({
  id: "28-map-flag-support-tier",
  description: "A non-standard 'Support Tier' header mapped explicitly with --map \"Support Tier=Support Level\"",
  readme: "--map makes an unrecognised header count: Support Tier (Low/Medium/High) is used as Support Level only because of the flag.",
  args: ["--map", "Support Tier=Support Level"],
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"),
    { ...supportCol("Support Tier") }, dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
  ],
  rows: rows("muller", "societe", "otsuka", "acme", "wayne", "hooli", "stark", "zurich", "planb"),
  out: CSV(),
});
accounts({
  id: "29-edate-month-end",
  description: "asOf 2026-08-31: six months back is 2026-02-28 and forward is 2027-02-28 (EDATE clamps to month end); boundaries are strict",
  readme: "Month-end arithmetic: start 2026-02-28 / renewal 2027-02-28 sit exactly on the clamped cut-offs (no points), 2026-02-27 / 2027-03-01 just inside.",
  asOf: "2026-08-31",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Start Date", "Start Date", "start", "iso"), supportCol(), dateCol("Renewal Date", "Renewal Date", "renewal", "iso"), champName("Champion", "No"),
  ],
  rows: rows("tyrell", "nakatomi", "otsuka", "planb", "pied", "hooli", "dunder", "acme", "northwind"),
  out: CSV(),
});
accounts({
  id: "30-empty-column",
  description: "A recognised column (Funding) with no values at all, next to a Hiring column",
  readme: "Funding column entirely blank → readAs 'empty'; growth still scores from Hiring (coverage given only where it is unarguable).",
  cols: [
    nameCol("Account"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    ynCol("Hiring", "Hiring", "hiring", "Yes", "No"), { h: "Funding", use: "Funding", read: "empty", key: "funding", r: () => "" },
    dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
  ],
  rows: rows("muller", "societe", "acme", "fabrikam", "wayne", "hooli", "pied", "vandelay", "globex"),
  out: CSV(),
});
accounts({
  id: "31-account-id-only",
  description: "Usage export keyed only by 18-char Salesforce IDs (two IDs share letters but differ in case)",
  readme: "No name column: the Account ID is the display name; 0015g00000XyZabAAF and 0015g00000xyzabAAA are different accounts.",
  cols: [
    idCol("Account ID"), numCol("Licenses", "Licenses", "licenses"), numCol("Active Users", "Active Users", "active"), numCol("NPS", "NPS", "nps"),
    dateCol("Renewal Date", "Renewal Date", "renewal", "iso"),
  ],
  rows: rows("acme", "hooli", "muller", "contoso", "pied", "wayne", "globex", "bluth"),
  out: CSV(),
});
accounts({
  id: "32-csm-workbook-xlsx",
  description: "A CSM's own Excel workbook: header in row 1, date cells, TRUE/FALSE boolean cells, percent-formatted usage, currency ARR",
  readme: "Hand-kept .xlsx: real date cells, boolean cells (yes/no), 0% formatted fractions for adjacent usage, currency-formatted ARR cells.",
  cols: [
    nameCol("Account"), { h: "Licenses", use: "Licenses", read: "numbers", key: "licenses", r: (a) => a.licenses },
    { h: "Active Users", use: "Active Users", read: "numbers", key: "active", r: (a) => a.active }, { h: "NPS", use: "NPS", read: "numbers", key: "nps", r: (a) => a.nps },
    { h: "Start Date", use: "Start Date", read: "dates", key: "start", date: "cell", r: (a) => (a.start ? utcDate(a.start) : null), numFmt: "yyyy-mm-dd" },
    { h: "Renewal Date", use: "Renewal Date", read: "dates", key: "renewal", date: "cell", r: (a) => (a.renewal ? utcDate(a.renewal) : null), numFmt: "dd/mm/yyyy" },
    { h: "Hiring", use: "Hiring", read: "yes/no", key: "hiring", r: (a) => a.hiring },
    { h: "Funding", use: "Funding", read: "yes/no", key: "funding", r: (a) => a.funding },
    { h: "Adjacent Feature Usage", use: "Adjacent Feature Usage", read: "numbers", key: "adjacent", r: (a) => (a.adjacent === null ? null : a.adjacent / 100), numFmt: "0%" },
    supportCol(), champName("Champion", "No"), { h: "ARR", use: "ARR", read: "numbers", r: (a) => a.arr, numFmt: '"€"#,##0.00' },
  ],
  rows: rows("otsuka", "muller", "societe", "creme", "akesson", "saopaulo", "obrien", "kowalski", "brightwater", "nakatomi", "stark"),
  out: { type: "xlsx", file: "input.xlsx" },
});

// ───────────── ownership ─────────────
wideOwnership({
  id: "33-ownership-wide-status-words",
  description: "Wide ownership: one column per product, cells Active/Cancelled/Churned/n/a/Trial/Yes/1/2/x/TRUE/FALSE/No/0/blank",
  readme: "Wide ownership grid: positive numbers, TRUE, Yes, x, Active = owned; Trial listed apart; Cancelled/Churned/n/a/No/0/FALSE/Pending/blank = not owned; Plan A and Plan A+ are distinct.",
  acctHeader: "Account",
  products: ["CRM", "Analytics", "Plan A", "Plan A+", "Data Hub"],
  rows: [
    ["Müller Logistik GmbH", "Active", "Cancelled", "Yes", "Trial", ""],
    ["Société Générale d'Équipement", "1", "0", "x", "n/a", "Churned"],
    ["Ōtsuka Trading", "TRUE", "No", "", "Active", "Trial"],
    ["Acme Corp", "Churned", "2", "active", "Yes", "n/a"],
    ["Northwind Traders", "", "", "Trial", "", "1"],
    ["Fabrikam, Inc.", "Cancelled", "Yes", "No", "X", "FALSE"],
    ["Crème Brûlée SARL", "n/a", "Active", "Pending", "Cancelled", "x"],
  ],
  out: CSV(),
});
longOwnership({
  id: "34-ownership-long-status-dates",
  description: "Long ownership with Status, Start Date, End Date, Price; Plan A / plan a / Plan  A are one product, Plan A+ another",
  readme: "Long ownership: Active only when started (≤ asOf) and not ended (End Date > asOf; end = asOf is ended); Cancelled/Churned/Expired/Suspended/Pending not owned; Trial apart; 'plan a' and 'Plan  A' merge into 'Plan A'.",
  cols: [
    { h: "Account", use: "Account", read: "text" }, { h: "Product", use: "Product", read: "text" }, { h: "Status", use: "Status", read: "text" },
    { h: "Start Date", use: "Start Date", read: "dates" }, { h: "End Date", use: "End Date", read: "dates" }, { h: "Price", use: "Price", read: "numbers" },
  ],
  rows: ([
    ["Müller Logistik GmbH", "CRM", "Active", "2022-01-01", "", "12000"],
    ["Müller Logistik GmbH", "Plan A", "Cancelled", "2022-01-01", "2024-12-31", "3000"],
    ["Müller Logistik GmbH", "plan a", "Active", "2025-01-01", "2027-01-01", "3600"],
    ["Müller Logistik GmbH", "Plan A+", "Trial", "2026-06-01", "2026-07-15", "0"],
    ["Société Générale d'Équipement", "Analytics", "Churned", "2021-04-01", "2025-06-30", "8000"],
    ["Société Générale d'Équipement", "CRM", "ACTIVE", "2020-01-01", "2026-06-30", "40000"],
    ["Société Générale d'Équipement", "Data Hub", "Active", "2026-07-01", "", "9000"],
    ["Ōtsuka Trading", "Plan A+", "Active", "2025-03-01", "2027-03-01", "5400"],
    ["Ōtsuka Trading", "Plan A", "Pending", "", "", "3600"],
    ["Acme Corp", "CRM", "Active", "2023-01-01", "2026-03-31", "30000"],
    ["Acme Corp", "Analytics", "Suspended", "2023-01-01", "", "6000"],
    ["Acme Corp", "Data Hub", "active", "2024-05-01", "", "9000"],
    ["Acme Corp", "Plan A", "Active", "2026-06-30", "2027-06-30", "3600"],
    ["Northwind Traders", "CRM", "Expired", "2022-01-01", "2025-12-31", "10000"],
    ["Northwind Traders", "Analytics", "Trial", "2026-06-15", "2026-07-15", "0"],
    ["Fabrikam, Inc.", "Plan  A", "Active", "2024-01-01", "", "3600"],
    ["Fabrikam, Inc.", "Analytics", "Active", "2025-07-01", "2026-07-01", "6000"],
    ["Fabrikam, Inc.", "Plan A+", "Cancelled", "2024-01-01", "2025-01-01", "5400"],
  ] as string[][]).map(([acct, product, status, start, end, price]) => ({ acct, product, status, start: start || null, end: end || null, cells: [acct, product, status, start, end, price] })),
  out: CSV(),
});
{
  const E = "E\u0301quipe Suite"; // NFD
  const raw: [string, string, string, string, string, string, string][] = [
    // account, product, status, start ISO, end ISO, unit price, plan usage
    ["Contoso Ltd.", "Équipe Suite", "Active", "2024-02-01", "2027-01-31", "4800", "72"],
    ["Contoso Ltd.", "Analytics", "Canceled", "2023-02-01", "2026-01-31", "6000", "10"],
    ["Contoso Ltd.", "Data Hub", "Active", "2025-09-15", "2026-05-31", "9000", "40"],
    ["Hooli", "Analytics ", "active", "2025-02-01", "2027-01-31", "6000", "88"],
    ["Hooli", "Data-Hub", "Trial", "2026-06-20", "2026-07-20", "0", "5"],
    ["Hooli", "Data Hub", "Cancelled", "2024-01-01", "2026-12-31", "9000", "0"],
    ["Pied Piper", E, "Active", "2026-01-05", "2026-12-31", "4800", "61"],
    ["Pied Piper", "ÉQUIPE SUITE", "Suspended", "2025-01-05", "2026-01-04", "4800", "0"],
    ["Pied Piper", "CRM", "Pending", "2026-07-01", "2027-06-30", "12000", "0"],
    ["Wayne Enterprises", "CRM", "Active", "2019-01-01", "2026-07-01", "90000", "55"],
    ["Wayne Enterprises", "Analytics", "Churned", "2019-01-01", "2024-12-31", "20000", "0"],
    ["Wayne Enterprises", "Data-Hub", "Active", "2025-11-01", "2026-10-31", "15000", "33"],
    ["Globex Corporation", "CRM", "Expired", "2020-01-01", "2026-06-29", "150000", "90"],
    ["Globex Corporation", "Équipe  Suite", "Active", "2022-06-06", "2028-06-05", "4800", "95"],
    ["Globex Corporation", "Analytics", "Trial", "2026-06-01", "2026-08-31", "0", "12"],
  ];
  longOwnership({
    id: "35-ownership-subscription-end",
    description: "Subscription export: Subscription Status / Subscription Start / Subscription End in M/D/YYYY, Canceled and Cancelled, NFC vs NFD names, Data Hub vs Data-Hub",
    readme: "Subscription End before vs after asOf, Canceled/Cancelled/Churned/Expired/Suspended/Pending not owned, NFD 'Équipe Suite' and 'ÉQUIPE SUITE'/'Équipe  Suite' merge, 'Data-Hub' stays distinct from 'Data Hub'.",
    cols: [
      { h: "Account Name", use: "Account", read: "text" }, { h: "Product Name", use: "Product", read: "text" }, { h: "Subscription Status", use: "Status", read: "text" },
      { h: "Subscription Start", use: "Start Date", read: "dates, month first" }, { h: "Subscription End", use: "End Date", read: "dates, month first" },
      { h: "Unit Price", use: "Price", read: "numbers" }, { h: "Plan Usage", use: "Plan Usage", read: "numbers" },
    ],
    rows: raw.map(([acct, product, status, start, end, price, usage]) => ({ acct, product, status, start, end, cells: [acct, product, status, fmtDate(start, "mdy"), fmtDate(end, "mdy"), price, usage] })),
    out: CSV({ eol: "\r\n" }),
  });
}
{
  const raw: [string, string, string, string, string, string][] = [
    // deal name, company, product, amount, close ISO, stage
    ["Müller Logistik – CRM", "Müller Logistik GmbH", "CRM", "12000", "2022-01-10", "Closed won"],
    ["Müller Logistik – Analytics add-on", "Müller Logistik GmbH", "Analytics", "6000", "2026-05-20", "Contract sent"],
    ["Acme – Plan A+", "Acme Corp", "Plan A+", "5400", "2025-03-03", "Closed won"],
    ["Acme – Plan A", "Acme Corp", "Plan A", "3600", "2025-09-09", "Closed lost"],
    ["Acme – Data Hub expansion", "Acme Corp", "Data Hub", "9000", "2026-02-14", "Closed won"],
    ["Hooli – CRM", "Hooli", "CRM", "8000", "2024-04-04", "Closed won"],
    ["Hooli – Plan A", "Hooli", "plan a", "3600", "2026-06-01", "Appointment scheduled"],
    ["Fabrikam – Analytics", "Fabrikam, Inc.", "Analytics", "6000", "2025-12-01", "Closed won"],
    ["Fabrikam – CRM", "Fabrikam, Inc.", "CRM", "15000", "2026-06-12", "Closed lost"],
    ["Tyrell – Plan A", "Tyrell Corporation", "Plan A", "3600", "2026-01-15", "Closed won"],
  ];
  longOwnership({
    id: "36-ownership-hubspot-deals",
    description: "HubSpot deals export: Deal Name, Associated Company, Product, Amount, Close Date '2025-04-03 14:22', Deal Stage, Pipeline, Deal owner (Amount and Close Date are ignored: a deal amount is not a list price, a close date is not a start date; map them if they are)",
    readme: "HubSpot deals: only Closed won deals are owned (Closed lost / Contract sent / Appointment scheduled are not); Deal Name, Pipeline and Deal owner ignored; Amount and Close Date ignored too (a deal amount is not a list price, a close date is not a start date: the user maps them).",
    cols: [
      { h: "Deal Name", use: null, read: "text" }, { h: "Associated Company", use: "Account", read: "text" }, { h: "Product", use: "Product", read: "text" },
      // arguable headers: not guessed (every close date here is on or before asOf, so owned sets do not depend on it)
      { h: "Amount", use: null, read: "numbers" }, { h: "Close Date", use: null, read: "dates" }, { h: "Deal Stage", use: "Status", read: "text" },
      { h: "Pipeline", use: null, read: "text" }, { h: "Deal owner", use: null, read: "text" },
    ],
    rows: raw.map(([deal, acct, product, amount, close, stage], i) => ({
      acct, product, status: stage, start: close, end: null,
      cells: [deal, acct, product, amount, fmtDate(close, "hs", i), stage, "Sales Pipeline", OWNERS[i % OWNERS.length]],
    })),
    out: CSV({ quoteAll: true }),
  });
}

// ───────────── refusals ─────────────
refused({
  id: "37-refused-unbalanced-quote",
  description: "A quoted field that never closes; it starts on line 6 (line 2–3 hold a legitimate multi-line quoted note)",
  readme: "Unterminated quote starting on physical line 6 (record 5, because an earlier note spans two lines) → refused, naming line 6.",
  file: "input.csv",
  bytes: encode([
    "Account Name,Licenses,Active Users,Notes",
    'Müller Logistik GmbH,250,190,"Renewal call',
    'booked for April"',
    "Acme Corp,500,260,ok",
    'Hooli,60,45,"QBR done, happy"',
    '"Pied Piper,25,24,pilot',
    "Contoso Ltd.,320,300,ok",
    "Wayne Enterprises,1000,350,ok",
    "",
  ].join("\n"), "utf8"),
  contains: ["line 6", "quote"],
});
refused({
  id: "38-refused-header-only",
  description: "Header row and nothing else",
  readme: "Header-only CSV (CRLF) → refused: no data rows.",
  file: "input.csv",
  bytes: encode("Account Name,Licenses,Active Users,NPS,Renewal Date\r\n", "utf8"),
  contains: ["row"],
});
refused({
  id: "39-refused-empty-file",
  description: "0-byte file",
  readme: "Empty (0-byte) file → refused as empty.",
  file: "input.csv",
  bytes: Buffer.alloc(0),
  contains: ["empty"],
});

// ═════════════════════════════ write ═════════════════════════════
async function main() {
  const built: Built[] = [];
  for (const make of CASES) built.push(await make());
  const ids = new Set<string>();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const b of built) {
    if (ids.has(b.id)) throw new Error(`duplicate case ${b.id}`);
    ids.add(b.id);
    const dir = join(OUT, b.id);
    mkdirSync(dir, { recursive: true });
    for (const [f, buf] of Object.entries(b.files)) writeFileSync(join(dir, f), buf);
    writeFileSync(join(dir, "expected.json"), JSON.stringify(b.expected, null, 2) + "\n");
  }
  const readme = [
    "# Export fixtures",
    "",
    "Generated by `npx tsx scripts/make-export-fixtures.ts` (deterministic; do not edit by hand).",
    "Each folder holds one input file and `expected.json`; expectations are computed by the generator's own reference",
    "scorer from the logical account records, not by the product code. `scores` lists every scorable account (unique,",
    "non-blank name); no other account should appear. `coverage` is omitted for an account when it would hinge on",
    "a blank yes/no-like cell (blank Champion/Hiring/Funding/Adjacent Feature Usage) or a lone \"no\" next to a missing",
    "growth signal. In ownership cases `owned` lists every account in the file (empty list when nothing is owned),",
    "products in first-seen order; `trial` lists only accounts with a trial.",
    "",
    ...built.map((b) => `- \`${b.id}\` — ${b.readme}`),
    "",
  ].join("\n");
  writeFileSync(join(OUT, "README.md"), readme);
  for (const b of built) {
    const e = b.expected;
    const detail = e.kind === "accounts" ? Object.entries(e.scores!).map(([n, s]) => `${n}=${s}`).join(", ")
      : e.kind === "ownership" ? JSON.stringify(e.owned) + " trial " + JSON.stringify(e.trial) : JSON.stringify(e.error);
    console.log(`${b.id} [${e.kind}] ${detail}`);
  }
  console.log(`${built.length} cases written to ${OUT}`);
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
