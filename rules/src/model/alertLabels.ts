/** Labels every Nowcast alert carries beside severity and team (prefixed: properties cannot shadow them). */
export const alertLabelNames = {
  /** Prometheus' own label naming the alerting rule. */
  alertname: 'alertname',
  kind: 'nowcast_kind',
  target: 'nowcast_target',
  /** Which check of an A/B launch guard fired: sample_ratio_mismatch, tracking_missing, error_ratio. */
  check: 'nowcast_check',
  severity: 'severity',
  team: 'team',
} as const;
