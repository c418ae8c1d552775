/**
 * The rule engine that evaluates the generated rules. Prometheus (≥ 2.42) takes every field the
 * generator writes; vmalert 1.79 (Debian's victoria-metrics) refuses `keep_firing_for`, so its
 * alerting rules are written without it.
 */
export const rulers = ['prometheus', 'vmalert'] as const;
export type Ruler = (typeof rulers)[number];

export const defaultRuler: Ruler = 'prometheus';

/** Whether the ruler accepts an alerting rule's `keep_firing_for`. */
export function keepsFiring(ruler: Ruler): boolean {
  return ruler === 'prometheus';
}
