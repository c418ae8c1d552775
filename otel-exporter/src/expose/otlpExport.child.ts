/*
 * Child process of metricProducer.test.ts: records a scripted run, exports it once through the real
 * OTLP/HTTP metric exporter to NOWCAST_OTLP_URL, and prints the ground truth as JSON.
 */
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { createNowcast } from '../nowcast';
import { loadShopSpec, manualClock } from '../testing/fixtures';

async function main(): Promise<void> {
  const clock = manualClock();
  const nowcast = createNowcast({ spec: await loadShopSpec(), clock, sweepIntervalMs: 0 });
  const truth = { paid: 0, revenue: 0, stripe: 0, pricingViews: 0, signups: 0, received: 0 };
  for (let i = 0; i < 50; i++) {
    const provider = i % 2 === 0 ? 'stripe' : 'paypal';
    nowcast.pipeline.record(
      'payment_succeeded',
      { 'user.id': `u${i}`, payment_provider: provider, amount: i },
      clock()
    );
    truth.paid++;
    truth.revenue += i;
    if (provider === 'stripe') truth.stripe++;
  }
  for (let i = 0; i < 7; i++) {
    nowcast.pipeline.record('page_viewed', { 'user.id': `v${i}`, page: 'pricing', platform: 'web' }, clock());
    truth.pricingViews++;
  }
  for (let i = 0; i < 3; i++) {
    nowcast.pipeline.record('signed_up', { 'user.id': `v${i}`, platform: 'web' }, clock());
    truth.signups++;
  }
  truth.received = truth.paid + truth.pricingViews + truth.signups;
  // Past the signup window (1h) and the allowed lateness: its times to convert are recorded.
  clock.advance(61 * 60_000);
  nowcast.sweep();
  // The producer's first collection shows new series at 0; the export below is its second.
  await nowcast.producer.collect();
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: process.env.NOWCAST_OTLP_URL }),
    exportIntervalMillis: 60_000,
    metricProducers: [nowcast.producer],
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  await meterProvider.forceFlush();
  await meterProvider.shutdown();
  process.stdout.write(JSON.stringify(truth));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});
