import type { Attributes } from '@opentelemetry/api';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { Counter, Registry } from 'prom-client';
import { productFamilies } from '../contract/families';
import { specOf } from '../testing/fixtures';
import type { AnalyticsSpec } from '../spec/model';

/** The three label dimensions every subject counts by. */
export interface Tuple extends Attributes {
  readonly platform: string;
  readonly country: string;
  readonly plan: string;
}

/** Every combination, platform-major: 3 × 10 × 100 = 3000 for the hot path, 10 × 10 × 100 for the scrape. */
export function tuples(platforms: number, countries: number, plans: number): Tuple[] {
  const all: Tuple[] = [];
  for (let p = 0; p < platforms; p++) {
    for (let c = 0; c < countries; c++) {
      for (let k = 0; k < plans; k++) all.push({ platform: `platform${p}`, country: `country${c}`, plan: `plan${k}` });
    }
  }
  return all;
}

export interface BenchSpecOptions {
  readonly maxFunnelUsers?: number;
  /** Without it the event is a plain counter, as the baselines are (the scrape and heap runs). */
  readonly value?: boolean;
  readonly precision?: number;
}

/** A spec whose one event has the same three properties, a value, a funnel and an active-user scope. */
export function benchSpec(options: BenchSpecOptions = {}): AnalyticsSpec {
  return specOf({
    namespace: 'bench',
    limits: { seriesBudget: 30_000, maxFunnelUsers: options.maxFunnelUsers ?? 100_000 },
    exemplars: { userId: 'hashed' },
    events: {
      purchase: {
        properties: { platform: { maxValues: 10 }, country: { maxValues: 10 }, plan: { maxValues: 100 } },
        ...(options.value === false ? {} : { value: { field: 'amount', unit: 'EUR' } }),
      },
    },
    funnels: {
      upgrade: {
        steps: [
          { name: 'first_plan', event: 'purchase', where: { platform: ['platform0'] } },
          { name: 'second_plan', event: 'purchase', where: { platform: ['platform1'] } },
        ],
        window: '30m',
      },
    },
    activeUsers: { precision: options.precision ?? 10, windows: ['5m'], scopes: { buyers: { events: 'all' } } },
  });
}

/** A MetricReader that only collects on demand, so OTel aggregates exactly as with any reader. */
export class OnDemandReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The events family of the bench spec's namespace. */
export const benchEvents = productFamilies('bench').events;

export function otelCounter() {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ readers: [reader] });
  // The same family as ours, so the three subjects write comparable expositions.
  const counter = provider.getMeter('bench').createCounter(benchEvents.otelName);
  const serializer = new PrometheusSerializer();
  return {
    counter,
    provider,
    scrape: async () => serializer.serialize((await reader.collect()).resourceMetrics),
  };
}

export function promClientCounter() {
  const registry = new Registry();
  const counter = new Counter({
    name: benchEvents.name,
    help: 'bench',
    labelNames: ['platform', 'country', 'plan'],
    registers: [registry],
  });
  return { counter, registry, scrape: () => registry.metrics() };
}
