/**
 * Header matching: ignores case, spaces, underscores and punctuation, and knows common aliases.
 * Each canonical field lists the names users actually type in their sheets.
 */
export const FIELD_ALIASES = {
  "Account": ["Account", "Account Name", "Customer", "Customer Name", "Company", "Company Name", "Client", "Client Name", "Organization", "Organisation", "Account ID"],
  "Licenses": ["Licenses", "Licences", "Seats", "Licensed Seats", "Seat Count", "Purchased Seats", "License Count", "Licenses Purchased"],
  "Active Users": ["Active Users", "Active Seats", "Active Licenses", "Users Active", "MAU", "Monthly Active Users", "Active User Count"],
  "NPS": ["NPS", "Net Promoter Score", "NPS Score", "Promoter Score"],
  "Start Date": ["Start Date", "Customer Since", "Contract Start", "Contract Start Date", "Signup Date", "Sign Up Date", "Start", "Go Live Date", "First Purchase Date", "Onboarded"],
  "Support Level": ["Support Level", "Support Ticket Level", "Ticket Level", "Support Volume", "Support Engagement", "Support Load"],
  "Hiring": ["Hiring", "Hiring Signal", "Is Hiring", "Hiring Now"],
  "Funding": ["Funding", "Funding Signal", "Recent Funding", "Raised Funding", "Funded"],
  "Adjacent Feature Usage": ["Adjacent Feature Usage", "Feature Usage", "Adjacent Features", "Adjacent Usage", "Uses Adjacent Features"],
  "Renewal Date": ["Renewal Date", "Renewal", "Contract End", "Contract End Date", "Renews On", "Next Renewal", "Renewal Due"],
  "Champion": ["Champion", "Executive Sponsor", "Exec Sponsor", "Sponsor", "Executive Sponsorship", "Champion Name"],
  "Feature Adoption": ["Feature Adoption", "Feature Adoption Rate", "Features Adopted", "Adoption Rate"],
  "Support Tickets": ["Support Tickets", "Tickets", "Ticket Count", "Open Tickets", "Support Ticket Volume", "Tickets 90d"],
  "Engagement Change": ["Engagement Change", "Engagement Trend", "Login Trend", "Usage Trend", "Logins Change"],
  "Competitor Evaluation": ["Competitor Evaluation", "Evaluating Competitors", "Competitive Activity", "Competitor Activity"],
  "Last Purchase Date": ["Last Purchase Date", "Last Purchase", "Last Order Date", "Last Deal Date", "Last Expansion Date"],
  "Departments": ["Departments", "Teams", "Business Units", "Departments Using", "Department Count"],
  "Plan Usage": ["Plan Usage", "Plan Utilization", "Plan Utilisation", "Usage Of Plan", "Plan Usage Pct"],
  "Usage": ["Usage", "Current Usage", "Consumption"],
  "Plan Limit": ["Plan Limit", "Limit", "Plan Capacity", "Quota"],
  "ARR": ["ARR", "Annual Recurring Revenue", "Revenue", "Contract Value", "ACV", "Current ARR"],
  "Product": ["Product", "Product Name", "SKU", "Module", "Plan"],
  "Start ARR": ["Start ARR", "Starting ARR", "ARR Start", "Opening ARR", "Beginning ARR", "Prior ARR", "ARR Prior"],
  "End ARR": ["End ARR", "Ending ARR", "ARR End", "Closing ARR", "Current ARR End", "ARR Now"],
  "End Date": ["End Date", "Churn Date", "Cancelled On", "Cancel Date", "Contract End Of Product"],
  "Price": ["Price", "List Price", "Annual Price", "ARR Per Account", "Unit Price"],
} as const;

export type Field = keyof typeof FIELD_ALIASES;

/** "Active_Users (#)" → "activeusers". */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const ALIAS_INDEX: Map<string, Field> = (() => {
  const m = new Map<string, Field>();
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [Field, readonly string[]][]) {
    for (const a of aliases) if (!m.has(normalizeHeader(a))) m.set(normalizeHeader(a), field);
  }
  return m;
})();

/** The canonical field a header names, if any. */
export function fieldOf(header: string): Field | undefined {
  return ALIAS_INDEX.get(normalizeHeader(header));
}

/** Every name that should find `name` in a header row: its aliases if it is a known field, else itself. */
export function namesFor(name: string): string[] {
  const field = fieldOf(name);
  return field ? [...FIELD_ALIASES[field]] : [name];
}
