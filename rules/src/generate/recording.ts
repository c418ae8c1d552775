import {
  activeUsersEstimatePromql,
  funnelLabelNames,
  labelNames,
  mergedRegistersPromql,
  productMetricNames,
} from '@nowcast/otel-exporter/contract';
import type { AnalyticsSpec, FunnelSpec } from '@nowcast/otel-exporter/spec';
import { eventRateWindows, funnelWindowSeconds, generalRuleNames, windowText } from '../names';
import type { RulesModel } from '../model/model';
import { matcher, selector, sumBy } from '../model/promql';
import type { RecordingRule, RuleGroup } from '../model/rules';
import { uniqueRules } from '../model/rules';

/** Fast concerns are evaluated every 30s so an alert hears of a change within a minute. */
export const fastInterval = '30s';

export function eventRules(spec: AnalyticsSpec): RecordingRule[] {
  const metrics = productMetricNames(spec.namespace);
  const names = generalRuleNames(spec.namespace);
  const rules: RecordingRule[] = eventRateWindows.map((w) => ({
    record: names.eventRate(w),
    expr: sumBy([labelNames.event], `rate(${metrics.events}[${windowText(w)}])`),
  }));
  if (spec.events.some((e) => e.value !== undefined)) {
    rules.push({
      record: names.eventValueRate(funnelWindowSeconds),
      expr: sumBy([labelNames.event], `rate(${metrics.eventValue}[${windowText(funnelWindowSeconds)}])`),
    });
  }
  return rules;
}

/** Live (step counters) and settled (closed attempts) conversion; always a ratio of sums. */
export function funnelRules(spec: AnalyticsSpec, funnel: FunnelSpec): RecordingRule[] {
  const metrics = productMetricNames(spec.namespace);
  const names = generalRuleNames(spec.namespace);
  const w = funnelWindowSeconds;
  const range = `[${windowText(w)}]`;
  const labels = funnelLabelNames(funnel);
  const funnelMatcher = matcher(labelNames.funnel, [funnel.name]);
  const stepIncrease = names.funnelStepIncrease(w);
  const stepAt = (index: number) =>
    `${stepIncrease}${selector([funnelMatcher, matcher(labelNames.stepIndex, [String(index)])])}`;
  const byStep = [labelNames.step, labelNames.stepIndex];
  // Static labels make each funnel's (and step's) rule distinct to promtool under a shared name.
  const funnelLabel = { [labelNames.funnel]: funnel.name };
  const stepLabels = (k: number) => ({
    ...funnelLabel,
    [labelNames.step]: funnel.steps[k]?.name ?? '',
    [labelNames.stepIndex]: String(k),
  });
  const rules: RecordingRule[] = [
    {
      record: stepIncrease,
      expr: sumBy(labels.step, `increase(${metrics.funnelStep}${selector([funnelMatcher])}${range})`),
      labels: funnelLabel,
    },
    {
      record: names.conversionFromFirstStep(w),
      expr: `${stepIncrease}${selector([funnelMatcher])} / ignoring (${byStep.join(', ')}) group_left () (${stepAt(0)} > 0)`,
      labels: funnelLabel,
    },
  ];
  funnel.steps.forEach((_, k) => {
    if (k === 0) return;
    rules.push({
      record: names.conversionFromPreviousStep(w),
      expr: `${stepAt(k)} / ignoring (${byStep.join(', ')}) (${stepAt(k - 1)} > 0)`,
      labels: stepLabels(k),
    });
  });

  // Settled: an attempt is counted once, when it closes, at the furthest step it reached.
  const attemptsIncrease = names.funnelAttemptsIncrease(w);
  const split = labels.attempts.filter((l) => l !== labelNames.reachedStep);
  rules.push({
    record: attemptsIncrease,
    expr: sumBy(labels.attempts, `increase(${metrics.funnelAttempts}${selector([funnelMatcher])}${range})`),
    labels: funnelLabel,
  });
  const reachedAtLeast = (k: number) => {
    const reached = funnel.steps.map((_, i) => String(i)).slice(k);
    return sumBy(split, `${attemptsIncrease}${selector([funnelMatcher, matcher(labelNames.reachedStep, reached)])}`);
  };
  funnel.steps.forEach((_, k) => {
    rules.push({
      record: names.settledConversionFromFirstStep(w),
      expr: `${reachedAtLeast(k)} / (${reachedAtLeast(0)} > 0)`,
      labels: stepLabels(k),
    });
    if (k > 0) {
      rules.push({
        record: names.settledConversionFromPreviousStep(w),
        expr: `${reachedAtLeast(k)} / (${reachedAtLeast(k - 1)} > 0)`,
        labels: stepLabels(k),
      });
    }
  });
  return rules;
}

export function activeUserRules(spec: AnalyticsSpec): RecordingRule[] {
  const metrics = productMetricNames(spec.namespace);
  const names = generalRuleNames(spec.namespace);
  return [
    { record: names.activeUsersRegisters, expr: mergedRegistersPromql(metrics) },
    {
      record: names.activeUsersEstimate,
      expr: activeUsersEstimatePromql(mergedRegistersPromql(metrics), spec.activeUsers.precision),
    },
  ];
}

/** The value and volume of every alert signal. */
export function signalRules(model: RulesModel): RecordingRule[] {
  const rules: RecordingRule[] = [];
  for (const signal of model.signals) {
    const labels = { labels: signal.identity };
    if (signal.valueExpr !== undefined) {
      rules.push({ record: signal.names.value, expr: signal.valueExpr, ...labels });
    }
    rules.push({ record: signal.names.volume, expr: signal.volumeExpr, ...labels });
  }
  return uniqueRules(rules);
}

export function recordingGroups(model: RulesModel): RuleGroup[] {
  const { spec } = model;
  const ns = spec.namespace;
  const groups: RuleGroup[] = [{ name: `nowcast_${ns}_events`, interval: fastInterval, rules: eventRules(spec) }];
  if (spec.funnels.length > 0) {
    groups.push({
      name: `nowcast_${ns}_funnels`,
      interval: fastInterval,
      rules: spec.funnels.flatMap((f) => funnelRules(spec, f)),
    });
  }
  groups.push({ name: `nowcast_${ns}_active_users`, interval: fastInterval, rules: activeUserRules(spec) });
  if (model.signals.length > 0) {
    groups.push({ name: `nowcast_${ns}_alert_signals`, interval: fastInterval, rules: signalRules(model) });
  }
  return groups;
}
