/** The generated artefacts as plain data, before rendering: what promtool and Alertmanager read. */

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly keep_firing_for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  readonly name: string;
  /** How often Prometheus evaluates the group, chosen per concern. */
  readonly interval: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

export interface RuleFile {
  /** File name under the output's `prometheus/rules/`. */
  readonly file: string;
  readonly groups: readonly RuleGroup[];
}

/** Identical rules written for two alerts on one signal become one; same name with another expression is a bug. */
export function uniqueRules<Rule extends RecordingRule>(rules: readonly Rule[]): Rule[] {
  const seen = new Map<string, Rule>();
  for (const rule of rules) {
    const key = `${rule.record}\u0000${rule.expr}\u0000${JSON.stringify(rule.labels ?? {})}`;
    if (!seen.has(key)) seen.set(key, rule);
  }
  return [...seen.values()];
}
