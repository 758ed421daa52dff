/**
 * What each tab's charts must be, written out by hand for the sample data (shared by the Excel and Sheets host
 * tests): kind, title, series names, and the labels the category cells must hold where they are fixed text.
 */
import type { ChartKind, TabKind } from "../../core/tabs";

export interface ChartCase {
  kind: ChartKind;
  title: string;
  names: string[];
  categories?: (string | number)[];
}

const BRIDGE = ["Base", "Total", "Increase", "Decrease"];
export const PRODUCTS = ["Service Desk", "Knowledge Base", "CRM", "Analytics", "Marketing Automation", "Data Warehouse", "CPQ", "Sales Intelligence"];

export const CHART_CASES: Record<TabKind, ChartCase[]> = {
  scorecard: [
    { kind: "column", title: "Accounts per band", names: ["Accounts"], categories: ["High", "Qualified", "Nurture", "Low"] },
    { kind: "column", title: "Score distribution", names: ["Accounts"], categories: ["0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89", "90–100"] },
  ],
  whitespace: [
    // largest first: the sample's whitespace per product summed from XSELL_WHITESPACE with the price list
    // (Data Warehouse $2,136,361 … CPQ $1,178,134 … Knowledge Base $332,746)
    { kind: "bar", title: "Whitespace by product (expected ARR)", names: ["Total"], categories: ["Data Warehouse", "Marketing Automation", "Analytics", "CPQ", "Sales Intelligence", "CRM", "Service Desk", "Knowledge Base"] },
    { kind: "bar", title: "Top 10 accounts by whitespace (expected ARR)", names: ["Total whitespace (expected ARR)"] },
  ],
  adjacency: [{ kind: "bar", title: "Top product pairs by lift, with 95% intervals", names: ["Lift"] }],
  retention: [
    { kind: "waterfall", title: "ARR bridge: opening to closing", names: BRIDGE, categories: ["Opening ARR", "New", "Cross-sell", "Upsell", "Contraction", "Churn", "Closing ARR"] },
    { kind: "waterfall", title: "MRR bridge by flows, trailing 12 months", names: BRIDGE, categories: ["Opening MRR", "New", "Reactivation", "Expansion", "Contraction", "Churn", "Closing MRR"] },
    { kind: "line", title: "NRR and GRR by month (flows)", names: ["NRR", "GRR"] },
  ],
  scenario: [{ kind: "line", title: "ARR with and without cross-sell", names: ["ARR with cross-sell", "ARR without cross-sell"], categories: [0, 1, 2, 3] }],
  timing: [{ kind: "scatter", title: "Time to a second product", names: ["Share bought", "Share 95% low", "Share 95% high"] }],
  validation: [
    { kind: "column", title: "Conversion by band", names: ["Conversion"], categories: ["High", "Qualified", "Nurture", "Low"] },
    { kind: "column", title: "Lift by score decile", names: ["Lift"], categories: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  ],
};
