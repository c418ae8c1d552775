import { stringify } from 'yaml';
import type { RuleFile } from '../model/rules';

/**
 * Deterministic YAML: keys in the order the generators build them, no line folding (a PromQL
 * expression stays on one line, so a diff shows the rule that changed), and a header comment.
 */
export function renderYaml(value: unknown, header: string): string {
  const comment = header
    .split('\n')
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n');
  return `${comment}\n${stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, singleQuote: true })}`;
}

export function renderRuleFile(file: RuleFile, header: string): string {
  return renderYaml({ groups: file.groups }, header);
}
