import {
  activeUsersEstimatePromql,
  aggregate,
  baseStepIndex,
  eventValueFamily,
  exporterStartRuleName,
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
  selfFamilies,
  sumBy,
  windowText,
} from '@nowcast/otel-exporter/contract';
import type { AnalyticsSpec, FunnelSpec } from '@nowcast/otel-exporter/spec';
import type { RulesModel } from '../model/model';
import type { RecordingRule, RuleGroup } from '../model/rules';
import { uniqueRules } from '../model/rules';
import { keeping, scrapeSelector } from '../model/selector';
import { valueExpr } from '../model/signal';
import { generalWindows } from '../model/windows';
import { abLaunchRecordings } from './abLaunch';

/** Fast concerns are evaluated every 30s so an alert hears of a change within a minute. */
export const fastInterval = '30s';

/** Units of the spec's valued events, each recorded from its own value family. */
export function valueUnits(spec: AnalyticsSpec): string[] {
  return [...new Set(spec.events.flatMap((e) => (e.value === undefined ? [] : [e.value.unit])))];
}

export function eventRules(spec: AnalyticsSpec): RecordingRule[] {
  const events = productFamilies(spec.namespace).events;
  const names = generalRuleNames(spec.namespace);
  const scrape = scrapeSelector(spec);
  const byEvent = keeping(scrape, [labelNames.event]);
  const { live, steady } = generalWindows(spec);
  const rules: RecordingRule[] = [...new Set([live, steady])].map((w) => ({
    record: names.eventRate(w),
    expr: sumBy(byEvent, rate(selector(events.name, scrape.matchers), windowText(w))),
  }));
  for (const unit of valueUnits(spec)) {
    rules.push({
      record: names.eventValueRate(unit, steady),
      expr: sumBy(
        byEvent,
        rate(selector(eventValueFamily(spec.namespace, unit).name, scrape.matchers), windowText(steady))
      ),
    });
  }
  return rules;
}

/** Live (step counters) and settled (closed attempts) conversion, as the contract defines them. */
export function funnelRules(spec: AnalyticsSpec, funnel: FunnelSpec): RecordingRule[] {
  const families = productFamilies(spec.namespace);
  const names = generalRuleNames(spec.namespace);
  const scrape = scrapeSelector(spec);
  const w = generalWindows(spec).steady;
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
      expr: sumBy(
        keeping(scrape, labels.step),
        increase(selector(families.funnelStep.name, [...scrape.matchers, inFunnel]), windowText(w))
      ),
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
  const split = keeping(
    scrape,
    labels.attempts.filter((l) => l !== labelNames.reachedStep)
  );
  rules.push({
    record: attemptsIncrease,
    expr: sumBy(
      keeping(scrape, labels.attempts),
      increase(selector(families.funnelAttempts.name, [...scrape.matchers, inFunnel]), windowText(w))
    ),
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

/**
 * The counts and value of every alert signal: the denominator first, so the numerator can read it
 * (rules of a group run in order) and exist at 0 for each of its label sets.
 */
export function signalRules(model: RulesModel, general: readonly RecordingRule[] = []): RecordingRule[] {
  // A signal's value that a general recording already writes (an event's rate over 1m or 5m, no
  // split, no filter) is read from it: a second rule writing the same series would fail every
  // evaluation with "duplicate sample".
  const written = new Set(general.map((rule) => rule.record));
  const rules: RecordingRule[] = [];
  for (const signal of model.signals) {
    const labels = { labels: signal.identity };
    if (signal.names.denominator !== undefined && signal.denominatorExpr !== undefined) {
      rules.push({ record: signal.names.denominator, expr: signal.denominatorExpr, ...labels });
    }
    rules.push({ record: signal.names.events, expr: signal.eventsExpr, ...labels });
    if (!written.has(signal.names.value))
      rules.push({ record: signal.names.value, expr: valueExpr(signal), ...labels });
  }
  for (const { spec } of model.alerts) {
    if (spec.kind === 'ab_launch') rules.push(...abLaunchRecordings(model.spec, spec));
  }
  if (model.signals.some((s) => s.conversion?.kind === 'live')) {
    // When each deployment's newest exporter started: live conversion waits a funnel window after it.
    const scrape = scrapeSelector(model.spec);
    rules.push({
      record: exporterStartRuleName,
      expr: aggregate('max', scrape.labels, selector(selfFamilies.startTime.name, scrape.matchers)),
    });
  }
  return uniqueRules(rules);
}

export function recordingGroups(model: RulesModel): RuleGroup[] {
  const { spec } = model;
  const ns = spec.namespace;
  const events = eventRules(spec);
  const groups: RuleGroup[] = [{ name: `nowcast_${ns}_events`, interval: fastInterval, rules: events }];
  if (spec.funnels.length > 0) {
    groups.push({
      name: `nowcast_${ns}_funnels`,
      interval: fastInterval,
      rules: spec.funnels.flatMap((f) => funnelRules(spec, f)),
    });
  }
  groups.push({ name: `nowcast_${ns}_active_users`, interval: fastInterval, rules: activeUserRules(spec) });
  const signals = signalRules(model, events);
  if (signals.length > 0) {
    groups.push({ name: `nowcast_${ns}_alert_signals`, interval: fastInterval, rules: signals });
  }
  return groups;
}
