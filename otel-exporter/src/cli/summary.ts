import { overflowValue } from '../contract/labels';
import { seriesBound } from '../contract/seriesBound';
import type { AnalyticsSpec } from '../spec/model';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary `validate` prints for a valid spec (a spec over its series budget is refused). */
export function specSummary(file: string, spec: AnalyticsSpec): string {
  const bound = seriesBound(spec);
  const { scopes, windows } = spec.activeUsers;
  // A kept value gives up its slot once unused for its idleTimeout; until then new values overflow.
  return (
    `${file}: valid — ${plural(spec.events.length, 'event')}, ${plural(spec.funnels.length, 'funnel')}, ` +
    `${plural(scopes.length, 'active-user scope')} × ${plural(windows.length, 'window')}, ` +
    `${plural(spec.alerts.length, 'alert')}; expected series: up to ${count(bound.labelled)} labelled ` +
    `(budget ${count(spec.limits.seriesBudget)}) + ${count(bound.activeUserRegisters)} HLL registers; ` +
    `property values beyond maxValues count as ${overflowValue} until a kept value, unused for its idleTimeout, ` +
    'gives up its slot (listed values never do); an absent property is the empty value'
  );
}
