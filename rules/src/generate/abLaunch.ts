import {
  abLaunchRuleNames,
  binary,
  call,
  chiSquareCritical,
  formatNumber,
  increase,
  labelNames,
  matcher,
  paren,
  poissonExcessZPromql,
  poissonShortfallZPromql,
  productFamilies,
  selector,
  sumBy,
  windowText,
  type AbLaunchRuleNames,
  type VectorMatching,
} from '@nowcast/otel-exporter/contract';
import type { AbLaunchAlert, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { alertLabelNames } from '../model/alertLabels';
import type { Ruler } from '../model/ruler';
import type { AlertingRule, RecordingRule } from '../model/rules';
import { keeping, scrapeSelector, type ScrapeSelector } from '../model/selector';
import { zeroFilled } from '../model/signal';
import { alertLabels, timing } from './alerting';

/*
 * The A/B launch guard. It checks that a launch is implemented as designed, from counts in the
 * window: the split the variants get (sample-ratio mismatch: a chi-square test against the
 * expected shares), that each variant's exposures are followed by its tracked events, and that
 * no variant's error ratio is far above the others'. It does not compare outcomes and never
 * declares a winner.
 */

/** The sample-ratio mismatch test's significance level: p < 0.001, the usual SRM threshold. */
export const sampleRatioMismatchLevel = 0.001;

/** Which check of the guard an alert is. */
export const abChecks = {
  sampleRatioMismatch: 'sample_ratio_mismatch',
  trackingMissing: 'tracking_missing',
  errorRatio: 'error_ratio',
} as const;

function namesOf(spec: AnalyticsSpec, alert: AbLaunchAlert): AbLaunchRuleNames {
  return abLaunchRuleNames(spec.namespace, alert.name, alert.variant, alert.window.seconds);
}

/** Per-variant counts in the window, of the given events, for the split's variants. */
function perVariant(
  spec: AnalyticsSpec,
  alert: AbLaunchAlert,
  scrape: ScrapeSelector,
  matchers: readonly string[]
): string {
  const variants = matcher(
    alert.variant,
    alert.split.map((v) => v.variant)
  );
  const events = selector(productFamilies(spec.namespace).events.name, [...scrape.matchers, ...matchers, variants]);
  return sumBy(keeping(scrape, [alert.variant]), increase(events, windowText(alert.window.seconds)));
}

/** `total - on (selector) group_right part`: the other variants' count beside each variant's. */
function others(scrape: ScrapeSelector, variantSeries: string): string {
  const matching: VectorMatching = { on: scrape.labels, groupRight: [] };
  return paren(binary(sumBy(scrape.labels, variantSeries), '-', variantSeries, matching));
}

/** The guard's recorded counts (in the alert signals group) and its chi-square. */
export function abLaunchRecordings(spec: AnalyticsSpec, alert: AbLaunchAlert): RecordingRule[] {
  const scrape = scrapeSelector(spec);
  const n = namesOf(spec, alert);
  const target = alert.target;
  // The spec refuses an A/B launch guard on anything but an exposure event.
  if (target.type !== 'event_rate') return [];
  const exposureFilters = [
    matcher(labelNames.event, target.event),
    ...Object.keys(target.where)
      .sort()
      .map((k) => matcher(k, target.where[k] ?? [])),
  ];
  const total = sumBy(scrape.labels, n.exposures);
  // (observed − expected)² / expected per variant; a variant without exposures counts 0, not absent.
  const terms = alert.split.map(({ variant, share }) => {
    const observed = zeroFilled(sumBy(scrape.labels, selector(n.exposures, [matcher(alert.variant, variant)])), total);
    const expected = paren(binary(share, '*', total));
    return binary(binary(paren(binary(paren(observed), '-', expected)), '^', 2), '/', expected);
  });
  const rules: RecordingRule[] = [
    { record: n.exposures, expr: perVariant(spec, alert, scrape, exposureFilters) },
    { record: n.chiSquare, expr: terms.reduce((sum, term) => binary(sum, '+', term)) },
  ];
  if (alert.track.length > 0) {
    rules.push({
      record: n.tracked,
      expr: zeroFilled(perVariant(spec, alert, scrape, [matcher(labelNames.event, alert.track)]), n.exposures),
    });
  }
  if (alert.errorRatio !== undefined) {
    rules.push(
      { record: n.total, expr: perVariant(spec, alert, scrape, [matcher(labelNames.event, alert.errorRatio.total)]) },
      {
        record: n.errors,
        expr: zeroFilled(
          perVariant(spec, alert, scrape, [matcher(labelNames.event, alert.errorRatio.errors)]),
          n.total
        ),
      }
    );
  }
  return rules;
}

function describe(spec: AnalyticsSpec, alert: AbLaunchAlert, summary: string, description: string, value: string) {
  const annotations: Record<string, string> = {
    summary: `${alert.name}: ${summary}`,
    description,
    value,
    baseline: alert.split.map((v) => `${v.variant} ${formatNumber(Math.round(v.share * 1000) / 10)}%`).join(', '),
  };
  if (alert.runbookUrl !== undefined) annotations.runbook_url = alert.runbookUrl;
  if (spec.links.dashboard !== undefined) annotations.dashboard_url = spec.links.dashboard;
  return annotations;
}

/** The guard's alerting rules: one per check, told apart by `nowcast_check`. */
export function abLaunchRules(spec: AnalyticsSpec, alert: AbLaunchAlert, target: string, ruler: Ruler): AlertingRule[] {
  const scrape = scrapeSelector(spec);
  const n = namesOf(spec, alert);
  const k = alert.sensitivity;
  const window = windowText(alert.window.seconds);
  const exposures = sumBy(scrape.labels, n.exposures);
  const enough = paren(binary(exposures, '>=', alert.minVolume));
  const perDeployment = { on: scrape.labels };
  const rule = (check: string, expr: string, annotations: Record<string, string>): AlertingRule => ({
    alert: alert.name,
    expr,
    ...timing(alert, ruler),
    labels: { ...alertLabels(alert, target), [alertLabelNames.check]: check },
    annotations,
  });
  const degrees = alert.split.length - 1;
  const critical = chiSquareCritical(degrees, sampleRatioMismatchLevel);
  const rules: AlertingRule[] = [
    rule(
      abChecks.sampleRatioMismatch,
      binary(paren(binary(n.chiSquare, '>', critical)), 'and', enough, perDeployment),
      describe(
        spec,
        alert,
        'the variants do not get the expected split (sample-ratio mismatch)',
        `Exposures over the last ${window} do not follow the expected split: chi-square {{ printf "%.1f" $value }} ` +
          `with ${degrees} degree${degrees === 1 ? '' : 's'} of freedom, above ${formatNumber(Math.round(critical * 100) / 100)} (p < ${sampleRatioMismatchLevel}). ` +
          'Look for a broken assignment, a redirect or caching that loses one variant, or bots.',
        'chi-square {{ printf "%.1f" $value }}'
      )
    ),
  ];
  if (alert.track.length > 0) {
    // Each variant's tracked events per exposure against the other variants': significantly below
    // 1/factor of theirs means the variant's exposures are not followed by its events.
    const othersTracked = others(scrape, n.tracked);
    const othersPerExposure = binary(othersTracked, '/', paren(binary(others(scrape, n.exposures), '>', 0)));
    const expected = binary(binary(n.exposures, '*', othersPerExposure), '/', alert.factor);
    // The others' rate is known to 1/√(their count): its relative standard error.
    const doubt = binary(1, '/', call('sqrt', binary(othersTracked, '+', 0.5)));
    const condition = binary(poissonShortfallZPromql(n.tracked, expected, doubt), '>', k);
    rules.push(
      rule(
        abChecks.trackingMissing,
        binary(binary(n.tracked, 'and', paren(condition)), 'and', enough, perDeployment),
        describe(
          spec,
          alert,
          `variant {{ $labels.${alert.variant} }} is exposed but its ${alert.track.join(', ')} events do not follow`,
          `Variant {{ $labels.${alert.variant} }} had {{ printf "%.0f" $value }} ${alert.track.join(', ')} events over the last ${window}, ` +
            `significantly fewer than 1/${formatNumber(alert.factor)} of what the other variants' rate per exposure predicts: ` +
            'its implementation or its tracking is likely broken.',
          '{{ printf "%.0f" $value }} tracked events'
        )
      )
    );
  }
  if (alert.errorRatio !== undefined) {
    // Each variant's errors against factor × the other variants' ratio (half an error added, so
    // none among the others is not certainty), with that ratio's standard error as its doubt.
    const next = paren(binary(others(scrape, n.total), '+', 1));
    const shrunk = paren(binary(paren(binary(others(scrape, n.errors), '+', 0.5)), '/', next));
    const stderr = call('sqrt', binary(binary(shrunk, '*', paren(binary(1, '-', shrunk))), '/', next));
    const expected = binary(binary(n.total, '*', alert.factor), '*', shrunk);
    const ratio = binary(n.errors, '/', paren(binary(n.total, '>', 0)));
    rules.push(
      rule(
        abChecks.errorRatio,
        binary(
          binary(
            paren(ratio),
            'and',
            paren(binary(poissonExcessZPromql(n.errors, expected, binary(stderr, '/', shrunk)), '>', k))
          ),
          'and',
          enough,
          perDeployment
        ),
        describe(
          spec,
          alert,
          `variant {{ $labels.${alert.variant} }} errors far more than the others`,
          `Variant {{ $labels.${alert.variant} }}'s share of ${alert.errorRatio.errors.join(', ')} among ` +
            `${alert.errorRatio.total.join(', ')} is {{ $value | humanizePercentage }} over the last ${window}, ` +
            `significantly above ${formatNumber(alert.factor)}× the other variants'.`,
          '{{ $value | humanizePercentage }}'
        )
      )
    );
  }
  return rules;
}
