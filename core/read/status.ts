/**
 * Subscription and deal status words as CRMs and billing systems write them. Only active, paid ownership
 * counts as owned; a trial is listed apart; anything ended, lost, paused or not yet started is not owned.
 */
export type Standing = "active" | "trial" | "ended" | "pending";

export const STATUS_WORDS: Readonly<Record<Standing, readonly string[]>> = {
  active: ["active", "activated", "live", "current", "paid", "owned", "in force", "renewed", "closed won", "closedwon", "won", "subscribed", "in use", "yes", "y", "true", "x", "✓", "✔", "aktiv", "actif", "active paid", "ja", "oui"],
  trial: ["trial", "trialing", "trialling", "in trial", "free trial", "on trial", "evaluation", "evaluating", "poc", "pilot", "testphase", "essai", "période d'essai"],
  ended: ["cancelled", "canceled", "cancelled on renewal", "churned", "churn", "expired", "ended", "terminated", "inactive", "lapsed", "closed lost", "closedlost", "lost", "not renewed", "non renewed", "discontinued", "gekündigt", "beendet", "abgelaufen", "inaktiv", "résilié", "resilie", "annulé", "annule", "expiré", "expire", "no", "n", "false", "none", "n/a", "na", "not owned", "-", "0"],
  pending: ["pending", "suspended", "paused", "on hold", "past due", "unpaid", "overdue", "draft", "future", "scheduled", "not started", "open", "in progress", "negotiation", "appointment scheduled", "qualified to buy", "presentation scheduled", "decision maker bought in", "decision maker bought-in", "contract sent", "proposal", "quote sent", "ausstehend", "en attente", "suspendu"],
};

const LOOKUP: Map<string, Standing> = (() => {
  const m = new Map<string, Standing>();
  for (const [standing, words] of Object.entries(STATUS_WORDS) as [Standing, string[]][]) for (const w of words) m.set(w, standing);
  return m;
})();

/** The standing a status word gives; undefined for a word that is not a status. */
export function standingOf(text: string): Standing | undefined {
  const w = text.trim().toLowerCase().replace(/[\s_]+/g, " ");
  return LOOKUP.get(w) ?? LOOKUP.get(w.replace(/-/g, " "));
}
