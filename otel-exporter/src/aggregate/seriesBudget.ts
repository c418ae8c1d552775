/** The exporter-wide cap on labelled event series (spec `limits.seriesBudget`). */
export class SeriesBudget {
  used = 0;
  /** Events sent to their event's `__other__` series because the budget was spent. */
  overflowedEvents = 0;

  constructor(readonly limit: number) {}

  /** Takes `cost` series from the budget; false when that would exceed it. */
  take(cost: number): boolean {
    if (this.used + cost > this.limit) {
      return false;
    }
    this.used += cost;
    return true;
  }
}
