/** Labels every Nowcast alert carries beside severity and team (prefixed: properties cannot shadow them). */
export const alertLabelNames = {
  /** Prometheus' own label naming the alerting rule. */
  alertname: 'alertname',
  kind: 'nowcast_kind',
  target: 'nowcast_target',
  severity: 'severity',
  team: 'team',
} as const;
