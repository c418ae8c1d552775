import { productMetricNames, selfMetricNames } from '../contract/families';
import { EventPipeline } from '../ingest/eventPipeline';
import { manualClock, specOf } from './fixtures';
import { collectSamples, sumOf } from './samples';

export const minute = 60_000;

/** Who sends an event: a user id, or either id of a visitor. */
export type Sender = string | { readonly userId?: string; readonly anonymousId?: string };

/**
 * A pipeline for a spec document (namespace `shop`) driven in minutes from a fixed start:
 * `send(event, who, atMinute, properties, receivedAtMinute)` records an event that happened at
 * `atMinute` and arrived at `receivedAtMinute` (default: at once).
 */
export function funnelHarness(document: Record<string, unknown>) {
  const names = productMetricNames('shop');
  const clock = manualClock();
  const start = clock();
  const pipeline = new EventPipeline(specOf({ namespace: 'shop', ...document }), { clock });
  const at = (minuteAt: number) => clock.set(start + minuteAt * minute);
  const send = (
    event: string,
    who: Sender,
    atMinute: number,
    properties: Record<string, unknown> = {},
    receivedAtMinute = atMinute
  ) => {
    at(receivedAtMinute);
    const identity =
      typeof who === 'string' ? { 'user.id': who } : { 'user.id': who.userId, 'anonymous.id': who.anonymousId };
    const reason = pipeline.record(event, { ...identity, ...properties }, start + atMinute * minute);
    if (reason !== undefined) throw new Error(`${event} for ${JSON.stringify(who)} was dropped: ${reason}`);
  };
  /** Moves the receipt clock and settles whatever its watermark passed. */
  const sweepAt = (minuteAt: number) => {
    at(minuteAt);
    pipeline.sweep();
  };
  const samples = () => collectSamples(pipeline);
  /** step_total by step index (summed over breakdown values unless `labels` pick some). */
  const steps = (funnel: string, labels: Record<string, string> = {}) => {
    const all = samples().filter((s) => s.name === names.funnelStep && s.labels.funnel === funnel);
    const indices = new Set(all.map((s) => s.labels.step_index));
    return Array.from({ length: indices.size }, (_, k) =>
      sumOf(all, names.funnelStep, { funnel, step_index: String(k), ...labels })
    );
  };
  /** Recorded outcomes by furthest step, only the non-zero ones: `{ "0": 2, "3": 1 }`. */
  const attempts = (funnel: string, labels: Record<string, string> = {}) => {
    const outcomes: Record<string, number> = {};
    for (const s of samples()) {
      if (s.name !== names.funnelAttempts || s.labels.funnel !== funnel || s.value === 0) continue;
      if (!Object.entries(labels).every(([k, v]) => s.labels[k] === v)) continue;
      const reached = s.labels.reached_step ?? '';
      outcomes[reached] = (outcomes[reached] ?? 0) + s.value;
    }
    return outcomes;
  };
  const self = (key: keyof typeof selfMetricNames, labels: Record<string, string> = {}) =>
    sumOf(samples(), selfMetricNames[key], labels);
  return { pipeline, clock, start, names, at, send, sweepAt, samples, steps, attempts, self };
}

export type FunnelHarness = ReturnType<typeof funnelHarness>;
