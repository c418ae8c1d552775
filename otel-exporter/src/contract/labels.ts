import type { EventSpec, FunnelSpec } from '../spec/model';

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
} as const;

/** Exemplar labels on event counters. */
export const exemplarLabelNames = {
  userId: 'user_id',
  traceId: 'trace_id',
  spanId: 'span_id',
} as const;

/** Label value for property values beyond a property's bound (or outside its declared values). */
export const overflowValue = '__other__';

/** Labels of `<ns>_events_total` and `<ns>_event_value_total` for one event, in exposition order. */
export function eventLabelNames(event: EventSpec): string[] {
  return [labelNames.event, ...event.properties.map((p) => p.name)];
}

function withBreakdown(funnel: FunnelSpec, names: string[]): string[] {
  return funnel.breakdown === undefined ? names : [...names, funnel.breakdown];
}

/** Labels of the funnel metrics; `step_index` and `reached_step` are "0", "1", … */
export function funnelLabelNames(funnel: FunnelSpec): { step: string[]; attempts: string[]; conversion: string[] } {
  return {
    step: withBreakdown(funnel, [labelNames.funnel, labelNames.step, labelNames.stepIndex]),
    attempts: withBreakdown(funnel, [labelNames.funnel, labelNames.reachedStep]),
    conversion: withBreakdown(funnel, [labelNames.funnel, labelNames.step]),
  };
}

/** Labels of `<ns>_active_users_register`. */
export const activeUsersLabelNames = [labelNames.scope, labelNames.window, labelNames.register] as const;
