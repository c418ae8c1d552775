import {
  generalRuleNames,
  liveConversion,
  productFamilies,
  settledConversion,
  type ConversionBase,
} from '@nowcast/otel-exporter/contract';
import { specFromObject, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { generateFiles, defaultWebhookUrl } from '@nowcast/rules';
import { runPromtoolTests } from '@nowcast/test-support';

/*
 * Funnel conversion is defined once (contract/conversion.ts): the generated recording rules,
 * evaluated by the real promtool, give exactly what the TypeScript definitions (which the panel
 * uses) compute from the same counts — live and settled, from the first and the previous step,
 * absent where there is no base.
 */

const namespace = 'product';
const steps = ['visit', 'cart', 'checkout', 'paid'];

function funnelSpec(): AnalyticsSpec {
  const result = specFromObject({
    namespace,
    events: Object.fromEntries(steps.map((s) => [s, {}])),
    funnels: { f: { steps, window: '1h' } },
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.spec;
}

/** Per-minute increments become counters growing by that much each minute (exact increase over 5m). */
function counter(series: string, perMinute: number) {
  return { series, values: `0+${perMinute}x15` };
}

describe('funnel conversion: recording rules (promtool) equal the contract definitions', () => {
  const recording = generateFiles(funnelSpec(), { webhookUrl: defaultWebhookUrl }).find((f) =>
    f.path.endsWith(`${namespace}-recording.yml`)
  );
  const names = generalRuleNames(namespace);
  const families = productFamilies(namespace);

  it.each([
    { reached: [40, 25, 10, 4], outcomes: [15, 15, 6, 4] },
    // A step nobody reached, then a base of 0: conversion after it is absent, not 0 or NaN.
    { reached: [30, 0, 0, 0], outcomes: [30, 0, 0, 0] },
  ])('per minute: reached $reached, outcomes $outcomes', ({ reached, outcomes }) => {
    const stepCounts = reached.map((n) => n * 5);
    const outcomeCounts = outcomes.map((n) => n * 5);
    const stepLabels = (k: number) => `funnel="f",step="${steps[k]}",step_index="${k}"`;
    const expected = (record: string, value: (k: number) => number | undefined, from: number) =>
      steps.flatMap((_, k) => {
        const v = k < from ? undefined : value(k);
        return v === undefined ? [] : [{ labels: `${record}{${stepLabels(k)}}`, value: v }];
      });
    const test = (record: string, samples: { labels: string; value: number }[]) => ({
      expr: record,
      eval_time: '10m',
      exp_samples: samples,
    });
    const live = (base: ConversionBase) => (k: number) => liveConversion(stepCounts, k, base);
    const settled = (base: ConversionBase) => (k: number) => settledConversion(outcomeCounts, k, base);
    const run = runPromtoolTests(
      {
        rule_files: ['recording.yml'],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              ...reached.map((n, k) => counter(`${families.funnelStep.name}{${stepLabels(k)}}`, n)),
              ...outcomes.map((n, k) => counter(`${families.funnelAttempts.name}{funnel="f",reached_step="${k}"}`, n)),
            ],
            promql_expr_test: [
              test(names.conversionFromFirstStep(300), expected(names.conversionFromFirstStep(300), live('first'), 0)),
              test(
                names.conversionFromPreviousStep(300),
                expected(names.conversionFromPreviousStep(300), live('previous'), 1)
              ),
              test(
                names.settledConversionFromFirstStep(300),
                expected(names.settledConversionFromFirstStep(300), settled('first'), 0)
              ),
              test(
                names.settledConversionFromPreviousStep(300),
                expected(names.settledConversionFromPreviousStep(300), settled('previous'), 1)
              ),
            ],
          },
        ],
      },
      { 'recording.yml': recording?.content ?? '' }
    );
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});
