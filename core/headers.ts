/**
 * The field registry: each canonical field XSELL reads, the names companies' exports give it, and the kind of
 * value it holds. Header matching ignores case, spaces, underscores and punctuation, and a Salesforce API
 * suffix (`Seats__c`). Headers whose meaning is arguable are never guessed: they are listed with the reason.
 */

/** How a field's cells are read: `id` and `text` are never converted; the others are parsed per column. */
export type FieldType = "id" | "text" | "number" | "date" | "yesno" | "signal";

interface FieldSpec {
  readonly type: FieldType;
  readonly aliases: readonly string[];
}

const FIELDS = {
  "Account": { type: "id", aliases: ["Account", "Account Name", "Customer", "Customer Name", "Company", "Company Name", "Client", "Client Name", "Organization", "Organisation", "Organization Name", "Name", "Associated Company", "Associated Company Name", "Company (Associated)", "Account Name (Company)", "Company Name (Account)", "Parent Company", "Kunde", "Firma", "Firmenname", "Client (nom)", "Nom du client", "Société", "Entreprise"] },
  "Account ID": { type: "id", aliases: ["Account ID", "Account Id", "AccountId", "Id", "ID", "Record ID", "Record Id", "Company ID", "Customer ID", "Client ID", "Company GSID", "GSID", "External ID", "Account External ID", "CRM ID", "Salesforce ID", "SFDC ID", "Account 18 Digit ID", "18 Digit Account ID", "Account ID (18)", "Kundennummer", "Kunden-ID", "Identifiant client"] },
  "Licenses": { type: "number", aliases: ["Licenses", "Licences", "Seats", "Number of Seats", "Num Seats", "Seat Count", "Licensed Seats", "Purchased Seats", "Paid Seats", "License Count", "Licence Count", "Licenses Purchased", "Number of Licenses", "Number of Licences", "Licensed Users", "Contracted Seats", "Contracted Licenses", "Seats Purchased", "Lizenzen", "Anzahl Lizenzen", "Plätze", "Licences achetées", "Nombre de licences", "Sièges"] },
  "Active Users": { type: "number", aliases: ["Active Users", "Active Users (30d)", "Active Users 30d", "Active Users (30 days)", "Active Users Last 30 Days", "Active Users L30D", "Active Seats", "Active Licenses", "Users Active", "MAU", "Monthly Active Users", "Active User Count", "Number of Active Users", "Aktive Nutzer", "Aktive Benutzer", "Utilisateurs actifs"] },
  "NPS": { type: "number", aliases: ["NPS", "Net Promoter Score", "NPS Score", "Promoter Score", "Latest NPS", "Last NPS", "NPS (latest)", "Current NPS", "NPS Rating"] },
  "Start Date": { type: "date", aliases: ["Start Date", "Customer Since", "Customer Since Date", "Contract Start", "Contract Start Date", "Signup Date", "Sign Up Date", "Start", "Go Live Date", "Go-Live Date", "First Purchase Date", "First Contract Date", "Original Contract Date", "Onboarded", "Onboarding Date", "Became a Customer Date", "Kunde seit", "Vertragsbeginn", "Client depuis", "Date de début", "Subscription Start", "Subscription Start Date", "Service Start Date"] },
  "Support Level": { type: "text", aliases: ["Support Level", "Support Ticket Level", "Ticket Level", "Support Volume", "Support Engagement", "Support Load", "Support Ticket Volume Level"] },
  "Hiring": { type: "signal", aliases: ["Hiring", "Hiring Signal", "Is Hiring", "Hiring Now", "Actively Hiring"] },
  "Funding": { type: "signal", aliases: ["Funding", "Funding Signal", "Recent Funding", "Raised Funding", "Funded", "Recently Funded"] },
  "Adjacent Feature Usage": { type: "signal", aliases: ["Adjacent Feature Usage", "Feature Usage", "Adjacent Features", "Adjacent Usage", "Uses Adjacent Features"] },
  "Renewal Date": { type: "date", aliases: ["Renewal Date", "Renewal", "Contract End", "Contract End Date", "Renews On", "Next Renewal", "Next Renewal Date", "Renewal Due", "Contract Renewal Date", "Subscription Renewal Date", "Vertragsende", "Verlängerung", "Date de renouvellement"] },
  "Champion": { type: "signal", aliases: ["Champion", "Executive Sponsor", "Exec Sponsor", "Sponsor", "Executive Sponsorship", "Champion Name", "Champion Identified", "Has Champion"] },
  "Feature Adoption": { type: "number", aliases: ["Feature Adoption", "Feature Adoption Rate", "Features Adopted", "Adoption Rate", "Adoption Score"] },
  "Support Tickets": { type: "number", aliases: ["Support Tickets", "Tickets", "Ticket Count", "Open Tickets", "Support Ticket Volume", "Tickets 90d", "Number of Tickets", "Support Cases", "Case Count", "Open Cases"] },
  "Engagement Change": { type: "number", aliases: ["Engagement Change", "Engagement Trend", "Login Trend", "Usage Trend", "Logins Change"] },
  "Competitor Evaluation": { type: "yesno", aliases: ["Competitor Evaluation", "Evaluating Competitors", "Competitive Activity", "Competitor Activity"] },
  "Last Purchase Date": { type: "date", aliases: ["Last Purchase Date", "Last Purchase", "Last Order Date", "Last Deal Date", "Last Expansion Date", "Last Closed Won Date"] },
  "Departments": { type: "number", aliases: ["Departments", "Teams", "Business Units", "Departments Using", "Department Count"] },
  "Plan Usage": { type: "number", aliases: ["Plan Usage", "Plan Utilization", "Plan Utilisation", "Usage Of Plan", "Plan Usage Pct", "Plan Usage %"] },
  "Usage": { type: "number", aliases: ["Usage", "Current Usage", "Consumption"] },
  "Plan Limit": { type: "number", aliases: ["Plan Limit", "Limit", "Plan Capacity", "Quota"] },
  "ARR": { type: "number", aliases: ["ARR", "Annual Recurring Revenue", "ACV", "Annual Contract Value", "Current ARR", "ARR (USD)", "ARR USD", "ARR EUR", "Subscription ARR", "Total ARR", "Jahresumsatz (ARR)", "Wiederkehrender Jahresumsatz", "Revenu annuel récurrent"] },
  "MRR": { type: "number", aliases: ["MRR", "Monthly Recurring Revenue", "Monthly Amount", "Monthly Revenue", "Monthly Fee", "Monthly Price", "MRR (USD)", "Current MRR"] },
  "Product": { type: "id", aliases: ["Product", "Product Name", "SKU", "Module", "Plan", "Product Family", "Line Item", "Line Item Name", "Produkt", "Produit"] },
  "Status": { type: "text", aliases: ["Status", "Subscription Status", "Product Status", "Contract Status", "Deal Stage", "Line Item Status", "Statut"] },
  "Start ARR": { type: "number", aliases: ["Start ARR", "Starting ARR", "ARR Start", "Opening ARR", "Beginning ARR", "Prior ARR", "ARR Prior"] },
  "End ARR": { type: "number", aliases: ["End ARR", "Ending ARR", "ARR End", "Closing ARR", "Current ARR End", "ARR Now"] },
  "End Date": { type: "date", aliases: ["End Date", "Churn Date", "Cancelled On", "Canceled On", "Cancel Date", "Cancellation Date", "Contract End Of Product", "Subscription End", "Subscription End Date", "Service End Date", "Ended On"] },
  "Expanded": { type: "signal", aliases: ["Expanded", "Outcome", "Expansion", "Converted", "Cross-sold", "Cross-sell Outcome", "Bought", "Expansion ARR", "Expanded ARR", "Did Expand"] },
  "Price": { type: "number", aliases: ["Price", "List Price", "Annual Price", "ARR Per Account", "Unit Price", "Price Per Year", "Listenpreis", "Prix"] },
} as const satisfies Record<string, FieldSpec>;

export type Field = keyof typeof FIELDS;

export const fieldType = (f: Field): FieldType => FIELDS[f].type;

/**
 * Headers that look like a field but mean something else: never guessed, reported as ignored with the reason.
 * Keys are normalized headers.
 */
const ARGUABLE: Readonly<Record<string, string>> = (() => {
  const list: [string[], string][] = [
    [["Support Plan", "Support Tier", "Support Package", "Support Contract", "Support Type", "Success Plan"], "a support plan or tier is what was bought, not how much support the account needs; map it to Support Level only if it holds Low/Medium/High engagement"],
    [["Annual Revenue", "AnnualRevenue", "Revenue", "Company Revenue", "Total Revenue", "Umsatz", "Chiffre d'affaires"], "a company's own annual revenue is not what it pays you; map it to ARR only if it is your recurring revenue from the account"],
    [["Employees", "Number of Employees", "NumberOfEmployees", "Employee Count", "Company Size", "Headcount", "Mitarbeiter", "Effectif"], "company size is not seats or active users; map it to Licenses only if it counts paid seats"],
    [["Total Contract Amount", "Total Contract Value", "TCV", "Contract Value", "Contract Amount", "Amount", "Deal Amount", "Opportunity Amount"], "a contract or deal amount may cover several years or one-off fees; map it to ARR if it is annual recurring"],
    [["Create Date", "Created Date", "CreatedDate", "Created", "Record Created", "Date Created"], "when the CRM record was created is not when the customer started; map it to Start Date if it is"],
    [["Close Date", "CloseDate", "Closed Date"], "a deal's close date is not a customer-since or renewal date; map it if it is one"],
    [["Health Score", "Customer Health", "Health", "Account Health", "Health Status"], "a health score from another tool is not one of the readiness signals; add it to a model table to score it"],
    [["Users", "User Count", "Number of Users", "Total Users"], "\"users\" may mean licensed or active users; map it to Licenses or Active Users"],
    [["Type", "Account Type", "Customer Type", "Lifecycle Stage", "Segment", "Tier"], "a category, not one of the signals XSELL reads"],
    [["Last Activity", "Last Activity Date", "Last Modified Date", "LastModifiedDate", "Last Contacted", "Last Login"], "activity or login dates are not purchase dates; map it to Last Purchase Date if it is one"],
    [["Usage Score", "Product Usage Score", "Engagement Score"], "a vendor's usage score is not plan usage or seat use; add it to a model table to score it"],
  ];
  const m: Record<string, string> = {};
  for (const [names, reason] of list) for (const n of names) m[normalizeHeader(n)] = reason;
  return m;
})();

/** "Active_Users (#)" → "activeusers"; a Salesforce API suffix `__c` is dropped first. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/__c\s*$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Salesforce API names are CamelCase (`NumberOfSeats`, `Active_Users__c`): split them before matching. */
function decamel(text: string): string {
  return /^[A-Za-z0-9_]+$/.test(text) ? text.replace(/__c$/i, "").replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ") : text;
}

const ALIAS_INDEX: Map<string, Field> = (() => {
  const m = new Map<string, Field>();
  for (const [field, spec] of Object.entries(FIELDS) as [Field, FieldSpec][]) {
    for (const a of spec.aliases) if (!m.has(normalizeHeader(a))) m.set(normalizeHeader(a), field);
  }
  return m;
})();

/** The canonical field a header names, if any. */
export function fieldOf(header: string): Field | undefined {
  return ALIAS_INDEX.get(normalizeHeader(header)) ?? ALIAS_INDEX.get(normalizeHeader(decamel(header)));
}

/** Why a header that resembles a field is not read as one; undefined when it is not arguable. */
export function arguableReason(header: string): string | undefined {
  if (fieldOf(header)) return undefined;
  return ARGUABLE[normalizeHeader(header)] ?? ARGUABLE[normalizeHeader(decamel(header))];
}

/** Whether `name` is a canonical field name (as `--map` and the `headers` argument accept). */
export function isField(name: string): name is Field {
  return Object.prototype.hasOwnProperty.call(FIELDS, name);
}

export const FIELD_NAMES = Object.keys(FIELDS) as Field[];
