/**
 * The report's inputs at warehouse-export scale, written as CSV straight to disk (never whole in memory) from a
 * fixed seed: the same bytes on every run. Accounts carry the sample's signal columns; ownership and retention are
 * long (one row per account × product), 20 products, three per account on average.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { prng } from "./generate";

export const BIG_PRODUCTS = Array.from({ length: 20 }, (_, i) => ["CRM", "Analytics", "Marketing Automation", "Service Desk", "Knowledge Base", "Sales Intelligence", "Data Warehouse", "CPQ", "Billing", "Payments", "Field Service", "Commerce", "Identity", "Security", "Backup", "Integration", "Forms", "Surveys", "Chat", "Voice"][i]);

export interface BigInputs {
  readonly dir: string;
  readonly accounts: string;
  readonly ownership: string;
  readonly retention: string;
  readonly bytes: number;
  readonly ownershipRows: number;
}

/** Buffered line writer: one write call per ~1 MB. */
class Lines {
  private readonly fd: number;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  line(s: string): void {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    const chunk = Buffer.from(`${this.buf.join("\n")}\n`, "utf8");
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    if (this.buf.length) this.flush();
    closeSync(this.fd);
  }
}

const iso = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);

/** Writes accounts.csv, ownership.csv and retention.csv for `count` accounts into `dir`. */
export function writeBigInputs(dir: string, count: number, seed = 20261124): BigInputs {
  mkdirSync(dir, { recursive: true });
  const rnd = prng(seed);
  const asOf = Math.floor(Date.parse("2026-11-01T00:00:00Z") / 86400000);
  const paths = { accounts: join(dir, "accounts.csv"), ownership: join(dir, "ownership.csv"), retention: join(dir, "retention.csv") };
  const acc = new Lines(paths.accounts);
  const own = new Lines(paths.ownership);
  const ret = new Lines(paths.retention);
  acc.line("Account,Segment,Owner,ARR,Licenses,Active Users,NPS,Start Date,Support Level,Hiring,Funding,Adjacent Feature Usage,Renewal Date,Champion,Feature Adoption,Support Tickets");
  own.line("Account,Product,ARR,Start Date");
  ret.line("Account,Product,Start ARR,End ARR");
  const segments = ["SMB", "Mid-Market", "Enterprise"];
  const owners = ["Avery Chen", "Jordan Patel", "Sam Okafor", "Riley Novak", "Morgan Diaz"];
  const P = BIG_PRODUCTS.length;
  let ownershipRows = 0;
  for (let i = 0; i < count; i++) {
    const name = `Account ${String(i + 1).padStart(7, "0")}`;
    const health = rnd();
    const segment = segments[Math.min(2, Math.floor(rnd() * 2.2 + health * 0.6))];
    const licenses = segment === "SMB" ? 10 + Math.floor(rnd() * 40) : segment === "Mid-Market" ? 50 + Math.floor(rnd() * 200) : 250 + Math.floor(rnd() * 1500);
    const active = Math.round(licenses * Math.min(1, Math.max(0.05, 0.2 + health * 0.7)));
    const startDay = asOf - 400 - Math.floor(rnd() * 1500);
    // an entry product, then neighbours more likely than distant ones: about three products per account
    const entry = Math.floor(rnd() * P);
    let arr = 0;
    const churned = rnd() < 0.08;
    for (let k = 0; k < P; k++) {
      const p = (entry + k) % P;
      const distance = Math.min(k, P - k);
      if (k !== 0 && rnd() >= (0.3 + health * 0.55) * Math.exp(-distance / 2.2)) continue;
      const a = Math.round((5000 + rnd() * 30000) / 100) * 100;
      arr += a;
      own.line(`${name},${BIG_PRODUCTS[p]},${a},${iso(k === 0 ? startDay : startDay + Math.floor(rnd() * 300))}`);
      ret.line(`${name},${BIG_PRODUCTS[p]},${k !== 0 && rnd() < 0.3 ? 0 : Math.round(a * (0.8 + rnd() * 0.3))},${churned ? 0 : a}`);
      ownershipRows++;
    }
    acc.line(
      [name, segment, owners[i % 5], arr, licenses, active, Math.round(-20 + health * 90), iso(startDay), health > 0.6 ? "Low" : "High", rnd() < 0.3 ? "Yes" : "No", rnd() < 0.15 ? "Yes" : "No", rnd() < 0.5 ? "Yes" : "No", iso(asOf + 5 + Math.floor(rnd() * 360)), rnd() < 0.5 ? "Dana Lee" : "", (Math.round(health * 100) / 100).toFixed(2), Math.floor((1 - health) * 12)].join(","),
    );
  }
  acc.close();
  own.close();
  ret.close();
  return { dir, ...paths, bytes: acc.bytes + own.bytes + ret.bytes, ownershipRows };
}

if (process.argv[1] && /big-inputs\.ts$/.test(process.argv[1])) {
  const [dir, n] = process.argv.slice(2);
  const r = writeBigInputs(dir, Number(n));
  console.log(`${r.ownershipRows} ownership rows, ${(r.bytes / 2 ** 20).toFixed(1)} MB`);
}
