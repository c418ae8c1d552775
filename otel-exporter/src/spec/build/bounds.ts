import { seriesBound } from '../../contract/seriesBound';
import { maxActiveUserRegisters } from '../capacity';
import { formatPath, type SpecPath } from '../issues';
import type { AnalyticsSpec } from '../model';
import { hllPrecisionRange } from '../schema';
import type { Checker } from './checker';

const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * Refuses what the exporter could not hold: more HyperLogLog registers than the cap, more labelled
 * series than the budget. Measured on the built spec, so only once everything else is valid.
 */
export function checkBounds(check: Checker, spec: AnalyticsSpec): void {
  const bound = seriesBound(spec);
  if (bound.activeUserRegisters > maxActiveUserRegisters) {
    check.add(['activeUsers', 'precision'], tooManyRegisters(spec, bound.activeUserRegisters));
  }
  const budget = spec.limits.seriesBudget;
  if (bound.labelled > budget) {
    const largest = largestPart(spec);
    check.add(
      ['limits', 'seriesBudget'],
      `the spec can produce up to ${formatCount(bound.labelled)} labelled series, over the budget of ${formatCount(budget)}: ` +
        `lower maxValues (largest: ${formatPath(largest.path)} with ${formatCount(largest.series)} series) or raise limits.seriesBudget`
    );
  }
}

function tooManyRegisters({ activeUsers: { scopes, windows, precision } }: AnalyticsSpec, registers: number): string {
  const sketches = scopes.length * windows.length;
  // floor(log2(…)): the highest precision whose registers fit beside these scopes and windows.
  const fitting = 31 - Math.clz32(Math.floor(maxActiveUserRegisters / sketches));
  const fix =
    fitting >= hllPrecisionRange.min
      ? `lower precision to ${fitting} or declare fewer scopes or windows`
      : 'declare fewer scopes or windows';
  return (
    `scopes × windows × 2^precision = ${scopes.length} × ${windows.length} × 2^${precision} = ${formatCount(registers)} ` +
    `HLL registers, over the cap of ${formatCount(maxActiveUserRegisters)} (each is a series scraped every interval); ${fix}`
  );
}

/** The event or funnel with the most labelled series, each measured alone. */
function largestPart(spec: AnalyticsSpec): { path: SpecPath; series: number } {
  const parts = [
    ...spec.events.map((event) => ({
      path: ['events', event.name],
      series: seriesBound({ ...spec, events: [event], funnels: [] }).labelled,
    })),
    ...spec.funnels.map((funnel) => ({
      path: ['funnels', funnel.name],
      series: seriesBound({ ...spec, funnels: [funnel] }).funnels,
    })),
  ];
  // Never empty: a spec over its budget has series, so events or funnels.
  return parts.reduce((largest, part) => (part.series > largest.series ? part : largest));
}
