import {
  activeUsersEstimatePromql,
  baseStepIndex,
  eventValueFamily,
  funnelLabelNames,
  generalRuleNames,
  increase,
  labelNames,
  matcher,
  mergedRegistersPromql,
  productFamilies,
  rate,
  ratioPromql,
  reachedStepsFrom,
  selector,
  sumBy,
  windowText,
} from '@nowcast/otel-exporter/contract';
import type { AnalyticsSpec, FunnelSpec } from '@nowcast/otel-exporter/spec';
import type { RulesModel } from '../model/model';
import type { RecordingRule, RuleGroup } from '../model/rules';
import { uniqueRules } from '../model/rules';
import { eventRateWindows, funnelWindowSeconds } from '../model/windows';

/** Fast concerns are evaluated every 30s so an alert hears of a change within a minute. */
export const fastInterval = '30s';

/** Units of the spec's valued events, each recorded from its own value family. */
export function valueUnits(spec: AnalyticsSpec): string[] {
  return [...new Set(spec.events.flatMap((e) => (e.value === undefined ? [] : [e.value.unit])))];
}

export function eventRules(spec: AnalyticsSpec): RecordingRule[] {
  const events = productFamilies(spec.namespace).events;
  const names = generalRuleNames(spec.namespace);
  const byEvent = [labelNames.event];
  const rules: RecordingRule[] = eventRateWindows.map((w) => ({
    record: names.eventRate(w),
    expr: sumBy(byEvent, rate(events.name, windowText(w))),
  }));
  for (const unit of valueUnits(spec)) {
    rules.push({
      record: names.eventValueRate(unit, funnelWindowSeconds),
      expr: sumBy(byEvent, rate(eventValueFamily(spec.namespace, unit).name, windowText(funnelWindowSeconds))),
    });
  }
  return rules;
}

/** Live (step counters) and settled (closed attempts) conversion, as the contract defines them. */
export function funnelRules(spec: AnalyticsSpec, funnel: FunnelSpec): RecordingRule[] {
  const families = productFamilies(spec.namespace);
  const names = generalRuleNames(spec.namespace);
  const w = funnelWindowSeconds;
  const labels = funnelLabelNames(funnel);
  const inFunnel = matcher(labelNames.funnel, funnel.name);
  const stepIncrease = names.funnelStepIncrease(w);
  const stepAt = (index: number) => selector(stepIncrease, [inFunnel, matcher(labelNames.stepIndex, String(index))]);
  const ignoringStep = [labelNames.step, labelNames.stepIndex];
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
      expr: sumBy(labels.step, increase(selector(families.funnelStep.name, [inFunnel]), windowText(w))),
      labels: funnelLabel,
    },
    {
      record: names.conversionFromFirstStep(w),
      expr: ratioPromql(selector(stepIncrease, [inFunnel]), stepAt(baseStepIndex(0, 'first')), {
        ignoring: ignoringStep,
        groupLeft: [],
      }),
      labels: funnelLabel,
    },
  ];
  funnel.steps.forEach((_, k) => {
    if (k === 0) return;
    rules.push({
      record: names.conversionFromPreviousStep(w),
      expr: ratioPromql(stepAt(k), stepAt(baseStepIndex(k, 'previous')), { ignoring: ignoringStep }),
      labels: stepLabels(k),
    });
  });
  // Settled: an attempt is counted once, when it closes, at the furthest step it reached.
  const attemptsIncrease = names.funnelAttemptsIncrease(w);
  const split = labels.attempts.filter((l) => l !== labelNames.reachedStep);
  rules.push({
    record: attemptsIncrease,
    expr: sumBy(labels.attempts, increase(selector(families.funnelAttempts.name, [inFunnel]), windowText(w))),
    labels: funnelLabel,
  });
  const reachedAtLeast = (k: number) =>
    sumBy(
      split,
      selector(attemptsIncrease, [inFunnel, matcher(labelNames.reachedStep, reachedStepsFrom(funnel.steps.length, k))])
    );
  funnel.steps.forEach((_, k) => {
    rules.push({
      record: names.settledConversionFromFirstStep(w),
      expr: ratioPromql(reachedAtLeast(k), reachedAtLeast(baseStepIndex(k, 'first'))),
      labels: stepLabels(k),
    });
    if (k > 0) {
      rules.push({
        record: names.settledConversionFromPreviousStep(w),
        expr: ratioPromql(reachedAtLeast(k), reachedAtLeast(baseStepIndex(k, 'previous'))),
        labels: stepLabels(k),
      });
    }
  });
  return rules;
}

export function activeUserRules(spec: AnalyticsSpec): RecordingRule[] {
  const names = generalRuleNames(spec.namespace);
  const merged = mergedRegistersPromql(spec.namespace);
  return [
    { record: names.activeUsersRegisters, expr: merged },
    { record: names.activeUsersEstimate, expr: activeUsersEstimatePromql(merged, spec.activeUsers.precision) },
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
