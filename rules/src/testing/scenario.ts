import { parse, stringify } from 'yaml';
import type { GeneratedFile } from '../generate/generate';
import type { AlertCheck } from './promtool';
import { at } from './series';

/**
 * Scenario suites judge noisy traffic: an alert's value and baseline differ from run to run of the
 * seed in their last digits, so these suites compare each firing alert's labels exactly and leave
 * the annotations (rendered from the same templates) to the deterministic suites, which check
 * them word for word.
 */
export function withoutAnnotations(files: readonly GeneratedFile[]): GeneratedFile[] {
  return files.map((file) => {
    if (!file.path.endsWith('-alerts.yml')) return file;
    const doc = parse(file.content) as { groups: { rules: { annotations?: unknown }[] }[] };
    for (const group of doc.groups) for (const rule of group.rules) delete rule.annotations;
    return { ...file, content: stringify(doc, { lineWidth: 0 }) };
  });
}

/** The alerts of a spec firing at one time: alertname → the label sets firing (all others silent). */
export type Firing = Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;

/**
 * Checks every named alert at `time`: exactly the given label sets fire (`labelsOf` adds each
 * alert's fixed labels to the ones given), every other alert is silent.
 */
export function exactlyFiring(
  alertNames: readonly string[],
  labelsOf: (alertname: string) => Readonly<Record<string, string>>,
  time: number,
  firing: Firing
): AlertCheck[] {
  return alertNames.map((alertname) => ({
    evalTime: at(time),
    alertname,
    alerts: (firing[alertname] ?? []).map((labels) => ({
      labels: { ...labelsOf(alertname), ...labels },
      annotations: {},
    })),
  }));
}
