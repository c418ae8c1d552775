import { seriesBound } from '../contract/seriesBound';
import type { AnalyticsSpec } from '../spec/model';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary `validate` prints for a valid spec. */
export function specSummary(file: string, spec: AnalyticsSpec): string {
  const bound = seriesBound(spec);
  const { scopes, windows } = spec.activeUsers;
  const budget = spec.limits.seriesBudget;
  const overBudget = bound.labelled > budget ? ' — over budget: the least used label values will overflow' : '';
  return (
    `${file}: valid — ${plural(spec.events.length, 'event')}, ${plural(spec.funnels.length, 'funnel')}, ` +
    `${plural(scopes.length, 'active-user scope')} × ${plural(windows.length, 'window')}, ` +
    `${plural(spec.alerts.length, 'alert')}; expected series: up to ${bound.labelled.toLocaleString('en-US')} labelled ` +
    `(budget ${budget.toLocaleString('en-US')}${overBudget}) + ${bound.activeUserRegisters.toLocaleString('en-US')} HLL registers`
  );
}
