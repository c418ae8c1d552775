/** Label names of the contract; declared properties add their own (validated not to clash). */
export const labelNames = {
  event: 'event',
  funnel: 'funnel',
  step: 'step',
  stepIndex: 'step_index',
  reachedStep: 'reached_step',
  scope: 'scope',
  window: 'window',
  register: 'register',
  reason: 'reason',
  /** A declared property's name, on the exporter's per-property self metrics. */
  property: 'property',
  /** A histogram bucket's upper bound (Prometheus' own label). */
  bucketBound: 'le',
} as const;

/** Exemplar labels on event counters. */
export const exemplarLabelNames = {
  userId: 'user_id',
  traceId: 'trace_id',
  spanId: 'span_id',
} as const;

/** Label value for property values beyond a property's bound (or outside its declared values). */
export const overflowValue = '__other__';
