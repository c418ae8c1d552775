import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { exemplarLabelNames, labelNames, productFamilies, selfFamilies } from '@nowcast/otel-exporter/contract';

/*
 * One place for each fact: outside the contract (`otel-exporter/src/contract`), no source file of
 * any workspace spells a metric name, a label name of the contract or PromQL. Tests, test fixtures,
 * the Grafana scaffold and generated provisioning are not source.
 */

const root = join(__dirname, '../../..');
const contractDir = 'otel-exporter/src/contract/';

function sourceFiles(): string[] {
  const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], {
    cwd: root,
    encoding: 'utf8',
  });
  return (
    tracked
      .split('\n')
      // Tracked files deleted in the working tree are gone from the source too.
      .filter((file) => file !== '' && !file.startsWith(contractDir) && existsSync(join(root, file)))
      .filter(
        (file) => !/\.test\.tsx?$|\.d\.ts$|\/(testing|fixtures)\/|^grafana-panel\/\.config\/|^tests\/src\//.test(file)
      )
  );
}

/** The text of every string and template literal in a file (template holes as `${}`), with its line. */
function literals(file: string): { text: string; line: number; node: ts.Node }[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number; node: ts.Node }[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    if (ts.isTemplateExpression(node)) {
      text = node.head.text + node.templateSpans.map((span) => `\${}${span.literal.text}`).join('');
    }
    if (text !== undefined && !ts.isLiteralTypeNode(node.parent) && !ts.isImportDeclaration(node.parent)) {
      found.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Fragments only a metric name contains: family names without their namespace, and self metrics. */
const metricFragments = [
  ...Object.values(productFamilies('')).map((family) => family.name),
  '_event_value_',
  ...Object.values(selfFamilies).map((family) => family.otelName),
];
/** `level:metric:operation`, the shape of every recording-rule name. */
const ruleName = /\b[a-z_]+:[a-z0-9_]+:[a-z0-9_]+\b/;

const promql = [
  /\b(sum|max|min|avg|count|stddev|quantile|topk|bottomk)\s+(by|without)\s*\(/,
  /\b(rate|irate|increase|delta|histogram_quantile|[a-z]+_over_time|clamp(_min|_max)?|label_replace|absent)\s*\(/,
  /\[(\$__[a-z_]+|\d+[smhdwy])\]/,
  /\boffset\s+\d+[smhdwy]\b/,
  /\b(on|ignoring|group_left|group_right)\s*\(/,
  /\{\s*[a-zA-Z_]\w*\s*(=|!=|=~|!~)\s*"/,
];

const contractLabels = new Set<string>([...Object.values(labelNames), ...Object.values(exemplarLabelNames)]);

/** Functions whose string arguments are label or field names (`labelOf(field, 'event')`, `sumBy(['step'], …)`). */
const labelTaking = /label|field|matcher|selector|sumBy|aggregate|quantile/i;

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/**
 * A label-name literal: exactly a contract label. Labels that are also plain words (`event`,
 * `funnel`, `window`…, which the spec, the CLI and the panel's options use as words) count only
 * where a label is meant: an argument (or an element of an array argument) of a function taking
 * label names, an element access (`labels['step']`) or an object key. The others (`step_index`,
 * `user_id`, `le`…) count anywhere.
 */
function isLabelLiteral(text: string, node: ts.Node): boolean {
  if (!contractLabels.has(text)) return false;
  if (text.includes('_') || text.length <= 2) return true;
  let parent = node.parent;
  if (ts.isArrayLiteralExpression(parent)) parent = parent.parent;
  return (
    (ts.isCallExpression(parent) && labelTaking.test(calleeName(parent))) ||
    ts.isElementAccessExpression(parent) ||
    ts.isComputedPropertyName(parent) ||
    (ts.isPropertyAssignment(parent) && parent.name === node)
  );
}

interface Finding {
  readonly where: string;
  readonly what: string;
  readonly text: string;
}

function scan(files: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    for (const { text, line, node } of literals(file)) {
      const where = `${file}:${line}`;
      const fragment = metricFragments.find((f) => text.includes(f));
      if (fragment !== undefined || ruleName.test(text)) findings.push({ where, what: 'metric name', text });
      else if (promql.some((pattern) => pattern.test(text))) findings.push({ where, what: 'PromQL', text });
      else if (isLabelLiteral(text, node)) findings.push({ where, what: 'contract label name', text });
    }
  }
  return findings;
}

describe('the contract is the one place for metric names, labels and PromQL', () => {
  const files = sourceFiles();

  it('scans the source of every workspace', () => {
    for (const workspace of ['otel-exporter/src/', 'rules/src/', 'grafana-panel/src/', 'examples/', 'tests/support/']) {
      expect(files.filter((f) => f.startsWith(workspace)).length).toBeGreaterThan(0);
    }
  });

  it('finds no metric name, contract label or PromQL outside the contract', () => {
    expect(scan(files)).toEqual([]);
  });

  it('would catch each kind of leak', () => {
    const probe = (code: string) => {
      const source = ts.createSourceFile('probe.ts', code, ts.ScriptTarget.Latest, true);
      const texts: { text: string; node: ts.Node }[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push({ text: node.text, node });
        ts.forEachChild(node, visit);
      };
      visit(source);
      return texts.some(
        ({ text, node }) =>
          metricFragments.some((f) => text.includes(f)) ||
          ruleName.test(text) ||
          promql.some((p) => p.test(text)) ||
          isLabelLiteral(text, node)
      );
    };
    expect(probe("const m = 'shop_funnel_step_total';")).toBe(true);
    expect(probe("const m = 'nowcast_exporter_events_dropped_total';")).toBe(true);
    expect(probe("const r = 'scope_window:product_active_users:estimate';")).toBe(true);
    expect(probe("const q = 'sum by (event) (x)';")).toBe(true);
    expect(probe('const q = \'x{funnel="checkout"}\';')).toBe(true);
    expect(probe("labelOf(field, 'step_index');")).toBe(true);
    expect(probe("labelOf(field, 'event');")).toBe(true);
    expect(probe("sumBy(['event', 'funnel'], x);")).toBe(true);
    expect(probe("const labels = { ['scope']: s };")).toBe(true);
    expect(probe("const id = 'trace_id';")).toBe(true);
    expect(probe("const mode = 'funnel';")).toBe(false);
    expect(probe("plural(n, 'event');")).toBe(false);
    expect(probe("const event = 'product_viewed';")).toBe(false);
  });
});
