import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { annotationsOf } from '../generate/annotations';
import { buildModel } from '../model/model';
import type { ExpectedAlert } from './promtool';

/**
 * An alert as promtool should render it: the labels are written out by the test; the annotations
 * are the generator's sentences with the rendered value, baseline and split labels the test
 * expects, so promtool proves the templates (queries, formatting) produce exactly those.
 */
export function expectedAlert(
  spec: AnalyticsSpec,
  alertname: string,
  labels: Readonly<Record<string, string>>,
  rendered: { value: string; baseline: string; likelyCause?: string }
): ExpectedAlert {
  const alert = buildModel(spec).alerts.find((a) => a.spec.name === alertname);
  if (alert?.signal === undefined) throw new Error(`the spec has no signal alert "${alertname}"`);
  return {
    labels,
    annotations: annotationsOf(spec, alert.spec, alert.signal, {
      ...rendered,
      label: (name) => labels[name] ?? `<no ${name} label>`,
    }),
  };
}
