/**
 * Generates the bundled sample data deterministically (a fixed-seed PRNG), so `npm run demo`, the golden files
 * and the docs always show the same numbers. Run: `npx tsx examples/generate.ts`.
 *
 * The accounts are built so their signals hang together: healthy accounts use more seats, have higher NPS,
 * own more products and grow; a few carry messy values analysts meet in real sheets (blank NPS, "n/a").
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const SAMPLE_AS_OF = "2026-11-01";
export const PRODUCTS = ["CRM", "Analytics", "Marketing Automation", "Service Desk", "Knowledge Base", "Sales Intelligence", "Data Warehouse", "CPQ"];
export const PRICES: Record<string, number> = {
  "CRM": 24000, "Analytics": 12000, "Marketing Automation": 18000, "Service Desk": 15000,
  "Knowledge Base": 6000, "Sales Intelligence": 9000, "Data Warehouse": 30000, "CPQ": 14000,
};

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES_A = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell", "Aperture", "Gringotts", "Oscorp", "Pied Piper", "Dunder", "Monarch", "Nakatomi", "Prestige", "Sterling", "Massive", "Bluth", "Kruger", "Blue Sun", "Virtucon", "Zorg", "Octan", "Ollivander", "Duff"];
const NAMES_B = ["Labs", "Systems", "Logistics", "Health", "Capital", "Foods", "Energy", "Retail", "Media", "Robotics", "Analytics", "Freight", "Bank", "Insurance", "Studios"];
const OWNERS = ["Avery Chen", "Jordan Patel", "Sam Okafor", "Riley Novak", "Morgan Diaz"];
const SEGMENTS = ["SMB", "Mid-Market", "Enterprise"];

function iso(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export interface SampleData {
  accounts: string[][];
  ownership: string[][];
  retention: string[][];
}

export function generateSample(count = 400, seed = 20261101): SampleData {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const asOf = Math.floor(Date.parse(`${SAMPLE_AS_OF}T00:00:00Z`) / 86400000);
  const accounts: string[][] = [[
    "Account", "Segment", "Owner", "ARR", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding",
    "Adjacent Feature Usage", "Renewal Date", "Champion", "Feature Adoption", "Support Tickets", "Engagement Change",
    "Competitor Evaluation", "Last Purchase Date", "Departments", "Plan Usage",
  ]];
  const ownership: string[][] = [["Account", "Product", "ARR", "Start Date"]];
  const retention: string[][] = [["Account", "Product", "Start ARR", "End ARR"]];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = `${pick(NAMES_A)} ${pick(NAMES_B)}`;
    while (used.has(name)) name = `${pick(NAMES_A)} ${pick(NAMES_B)} ${used.size % 7 === 0 ? "Group" : "Inc"}${rnd() < 0.5 ? "" : ` ${Math.floor(rnd() * 90 + 10)}`}`;
    used.add(name);
    const health = rnd(); // the latent "how well is this account doing" that ties the signals together
    const segment = SEGMENTS[Math.min(2, Math.floor(rnd() * 2.2 + health * 0.6))];
    const licenses = segment === "SMB" ? 10 + Math.floor(rnd() * 40) : segment === "Mid-Market" ? 50 + Math.floor(rnd() * 200) : 250 + Math.floor(rnd() * 1500);
    const active = Math.round(licenses * Math.min(1, Math.max(0.05, 0.2 + health * 0.7 + (rnd() - 0.5) * 0.3)));
    const nps = Math.round(Math.max(-100, Math.min(100, -20 + health * 90 + (rnd() - 0.5) * 40)));
    const isNew = i % 20 === 3; // joined during the last year: outside the retention cohort
    const startDay = isNew ? asOf - 30 - Math.floor(rnd() * 300) : asOf - 400 - Math.floor(rnd() * 1500);
    const renewalDay = asOf + 5 + Math.floor(rnd() * 360);
    const lastPurchase = asOf - 10 - Math.floor(rnd() * 500);
    // Entry product, then adjacent products with probabilities that depend on what is owned and on health.
    const owned = new Set<string>();
    owned.add(rnd() < 0.72 ? "CRM" : "Service Desk");
    const attach: [string, string, number][] = [
      ["CRM", "Analytics", 0.55], ["CRM", "Sales Intelligence", 0.45], ["CRM", "Marketing Automation", 0.35], ["CRM", "CPQ", 0.25],
      ["Service Desk", "Knowledge Base", 0.6], ["Service Desk", "CRM", 0.3], ["Analytics", "Data Warehouse", 0.35], ["Marketing Automation", "Analytics", 0.4],
    ];
    for (let pass = 0; pass < 2; pass++) {
      for (const [a, b, p] of attach) if (owned.has(a) && !owned.has(b) && rnd() < p * (0.15 + health)) owned.add(b);
    }
    let arr = 0;
    const productArr: [string, number][] = [];
    for (const p of PRODUCTS) {
      if (!owned.has(p)) continue;
      const scale = segment === "SMB" ? 0.5 : segment === "Mid-Market" ? 1 : 2.5;
      const a = Math.round((PRICES[p] * scale * (0.8 + rnd() * 0.4)) / 100) * 100;
      productArr.push([p, a]);
      arr += a;
      const pStart = p === [...owned][0] ? startDay : Math.min(asOf - 15, startDay + Math.floor(rnd() * 700));
      ownership.push([name, p, String(a), iso(pStart)]);
    }
    // Year-over-year movement: churn, contraction, flat, upsell, and cross-sell of a product not held at the start.
    // Seed 002 (Bain): churn near 20% with one product, about 8% with two
    const churned = !isNew && rnd() < (owned.size > 1 ? 0.09 : 0.26) - health * 0.06;
    for (const [p, a] of productArr) {
      const startArr = isNew ? 0 : churned ? a : Math.round(a / (1 + (health - 0.35) * 0.3 * rnd()) / 100) * 100;
      const endArr = churned ? 0 : a;
      const droppedLater = !churned && !isNew && rnd() < (owned.size > 1 ? 0.03 : 0.08);
      retention.push([name, p, String(startArr), String(droppedLater ? 0 : endArr)]);
    }
    if (!churned && !isNew && owned.size > 1 && rnd() < 0.35) {
      // the last product owned was cross-sold during the year: it had no ARR at the start
      const last = retention[retention.length - 1];
      last[2] = "0";
    }
    const fmt = (b: boolean): string => (b ? "Yes" : "No");
    const messyNps = i % 97 === 13 ? "n/a" : i % 89 === 7 ? "" : String(nps);
    accounts.push([
      name, segment, pick(OWNERS), String(arr), String(licenses), String(active), messyNps, iso(startDay),
      health > 0.6 ? pick(["Low", "Low", "Medium"]) : pick(["Low", "Medium", "High", "High"]),
      fmt(rnd() < 0.2 + health * 0.3), fmt(rnd() < 0.1 + health * 0.15),
      fmt(rnd() < 0.2 + health * 0.6), iso(renewalDay),
      rnd() < 0.25 + health * 0.6 ? pick(["Dana Lee", "Priya Raman", "Tom Becker", "Ana Souza", "Yes"]) : "",
      (Math.round(Math.min(1, Math.max(0, 0.15 + health * 0.7 + (rnd() - 0.5) * 0.2)) * 100) / 100).toFixed(2),
      String(Math.max(0, Math.round((1 - health) * 12 + rnd() * 4 - 2))),
      `${Math.round((health - 0.4) * 40 + (rnd() - 0.5) * 20)}%`,
      fmt(rnd() < 0.12),
      iso(lastPurchase),
      String(1 + Math.floor(rnd() * (1 + health * 4))),
      `${Math.round(Math.min(100, 30 + health * 60 + (rnd() - 0.5) * 30))}%`,
    ]);
  }
  return { accounts, ownership, retention };
}

/**
 * Subscription history for the same accounts and products: monthly amounts (MRR) per product with upgrades and
 * downgrades as new rows (one ends the day the next starts), second products bought months after the first,
 * products cancelled with an End Date, trials, and accounts that churn and come back. Drawn from its own seed, so
 * the other sample files stay as they are. Some accounts leave for good; the rest hold their products on the as-of date.
 */
export function generateSubscriptions(sample: SampleData, seed = 20261102): string[][] {
  const rnd = prng(seed);
  const asOf = Math.floor(Date.parse(`${SAMPLE_AS_OF}T00:00:00Z`) / 86400000);
  const rows: string[][] = [["Account", "Product", "MRR", "Start Date", "End Date", "Status"]];
  const byAccount = new Map<string, { product: string; arr: number; start: number }[]>();
  for (const [account, product, arr, start] of sample.ownership.slice(1)) {
    const list = byAccount.get(account) ?? [];
    list.push({ product, arr: Number(arr), start: Math.floor(Date.parse(`${start}T00:00:00Z`) / 86400000) });
    byAccount.set(account, list);
  }
  for (const [account, products] of byAccount) {
    // one account in twelve left for a while and came back: every product stops, then starts again
    const first = Math.min(...products.map((p) => p.start));
    const gap = rnd() < 1 / 12 ? { from: 0, to: 0 } : null;
    if (gap) {
      gap.from = first + 90 + Math.floor(rnd() * Math.max(30, asOf - first - 400));
      gap.to = Math.min(asOf - 20, gap.from + 60 + Math.floor(rnd() * 180));
    }
    // and one in sixteen of the others left for good
    const lost = !gap && rnd() < 1 / 16 ? first + 120 + Math.floor(rnd() * Math.max(30, asOf - first - 150)) : null;
    for (const { product, arr, start } of products) {
      const target = Math.round(arr / 12);
      // a product starts below what it is worth today and moves there in steps (an occasional step down)
      let amount = Math.round(target * (0.8 + rnd() * 0.15));
      let day = start;
      const spells: [number, number, number][] = [];
      while (day < asOf) {
        const next = day + 120 + Math.floor(rnd() * 300);
        if (next >= asOf - 10 || amount >= target) break;
        spells.push([amount, day, next]);
        amount = rnd() < 0.3 ? Math.round(amount * (0.75 + rnd() * 0.15)) : Math.round(Math.min(target, amount * (1.05 + rnd() * 0.15)));
        day = next;
      }
      spells.push([target, day, 0]);
      for (const [a, s, e] of spells) {
        if (lost !== null) {
          if (s < lost) rows.push([account, product, String(a), iso(s), iso(e === 0 || e > lost ? lost : e), e === 0 || e > lost ? "Churned" : ""]);
          continue;
        }
        if (gap && s < gap.to && (e === 0 || e > gap.from)) {
          // split around the absence: paid until it left, and again from its return
          if (s < gap.from) rows.push([account, product, String(a), iso(s), iso(gap.from), "Cancelled"]);
          if (e === 0 || e > gap.to) rows.push([account, product, String(a), iso(Math.max(s, gap.to)), e === 0 ? "" : iso(e), e === 0 ? "Active" : ""]);
        } else rows.push([account, product, String(a), iso(s), e === 0 ? "" : iso(e), e === 0 ? "Active" : ""]);
      }
    }
    // a product tried and dropped: bought, then cancelled with an End Date
    if (rnd() < 0.12) {
      const held = new Set(products.map((p) => p.product));
      const other = PRODUCTS.find((p) => !held.has(p) && rnd() < 0.5);
      if (other) {
        const s = Math.min(asOf - 100, products[0].start + 60 + Math.floor(rnd() * 600));
        rows.push([account, other, String(Math.round(PRICES[other] / 12 / 100) * 100), iso(s), iso(s + 90 + Math.floor(rnd() * 200)), "Cancelled"]);
      }
    }
    if (rnd() < 0.05) {
      const held = new Set(products.map((p) => p.product));
      const other = PRODUCTS.find((p) => !held.has(p));
      if (other) rows.push([account, other, "0", iso(asOf - 20), "", "Trial"]);
    }
  }
  return rows;
}

/**
 * Whether each account expanded over the year retention.csv covers: Σ End ARR above Σ Start ARR for accounts that
 * paid at the start; accounts that joined during the year are left blank (no outcome). Derived from the retention
 * rows, with no draws of its own, so every other sample file stays as it is.
 */
export function generateOutcomes(sample: SampleData): string[][] {
  const sums = new Map<string, [number, number]>();
  for (const [account, , start, end] of sample.retention.slice(1)) {
    const s = sums.get(account) ?? [0, 0];
    s[0] += Number(start);
    s[1] += Number(end);
    sums.set(account, s);
  }
  return [["Account", "Expanded"], ...[...sums].map(([account, [start, end]]) => [account, start > 0 ? (end > start ? "Yes" : "No") : ""])];
}

export function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\n") + "\n";
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  const dir = __dirname;
  const data = generateSample();
  writeFileSync(join(dir, "accounts.csv"), toCsv(data.accounts));
  writeFileSync(join(dir, "ownership.csv"), toCsv(data.ownership));
  writeFileSync(join(dir, "retention.csv"), toCsv(data.retention));
  writeFileSync(join(dir, "prices.csv"), toCsv([["Product", "Price"], ...PRODUCTS.map((p) => [p, String(PRICES[p])])]));
  writeFileSync(join(dir, "subscriptions.csv"), toCsv(generateSubscriptions(data)));
  writeFileSync(join(dir, "outcomes.csv"), toCsv(generateOutcomes(data)));
  console.log(`wrote ${data.accounts.length - 1} accounts, ${data.ownership.length - 1} ownership rows, ${data.retention.length - 1} retention rows to ${dir}`);
}
