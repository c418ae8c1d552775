import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { processIo, runCommand, type CliIo } from '@nowcast/otel-exporter/cli';
import { formatIssue, parseSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { alertCosts, costReport } from '../cost/ruleCost';
import { generateFiles, ruleFiles } from '../generate/generate';
import type { Ruler } from '../model/ruler';
import { parseGenerateArgs, parseValidateArgs } from './args';

const usage = `Usage: nowcast-rules <command>

Commands:
  generate <spec.yaml> --out <dir>   write Prometheus rules and the Alertmanager config:
                                       <dir>/prometheus/rules/<namespace>-{recording,baselines,alerts}.yml
                                       <dir>/alertmanager/alertmanager.yml and templates/nowcast.tmpl
                                       <dir>/grafana/{datasources,dashboards}/… (data source, dashboard)
    --webhook-url <url>              default receiver (default http://127.0.0.1:9099/alerts)
    --slack-api-url <url>            also notify Slack, channel #<team>-alerts
    --prometheus-url <url>           Prometheus as Grafana reaches it (default http://127.0.0.1:9090)
    --email-smarthost <host:port> --email-from <addr> --email-domain <domain>
                                     also e-mail <team>@<domain>
    --ruler prometheus|vmalert       the rule engine (default prometheus); vmalert 1.79 refuses
                                     keep_firing_for, so its alerting rules are written without it
    --check                          compare with <dir> instead of writing; exit 1 on any difference
                                     Then, per alert: the history it needs, its recorded series and
                                     samples read per minute (warned over a budget), and the
                                     retention the rules need (Prometheus keeps 15d by default).
  validate <spec.yaml>               check the spec as generate reads it, then print per alert the
    --ruler prometheus|vmalert       history it needs, its recorded series and samples read per
                                     minute (warned over a budget) and the retention the rules need;
                                     writes nothing; exit 1 on an invalid spec
  help                               show this text`;

export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
  return runCommand(args, io, usage, { generate, validate });
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The spec at `path`, or undefined after saying on `io` why it cannot be used. */
async function readSpec(path: string, io: CliIo): Promise<AnalyticsSpec | undefined> {
  const text = await readIfPresent(path);
  if (text === undefined) {
    io.err(`${path}: cannot read the spec; check the path`);
    return undefined;
  }
  const result = parseSpec(text, path);
  if (!result.ok) {
    result.issues.forEach((issue) => io.err(formatIssue(issue)));
    io.err(`${path}: ${result.issues.length} error${result.issues.length === 1 ? '' : 's'}; nothing was written`);
    return undefined;
  }
  return result.spec;
}

/** Per alert its history, recorded series and samples read; then the retention the rules need. */
function printCosts(spec: AnalyticsSpec, ruler: Ruler, io: CliIo): void {
  costReport(alertCosts(spec, ruleFiles(spec, ruler))).forEach((line) => io.out(line));
}

/**
 * A command's parsed arguments and its spec; else the exit code after saying why not (2: usage,
 * 1: the spec).
 */
async function argsAndSpec<Args extends { readonly spec: string }>(
  command: string,
  parse: (args: readonly string[]) => Args | string,
  args: readonly string[],
  io: CliIo
): Promise<{ parsed: Args; spec: AnalyticsSpec } | number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.err(`nowcast-rules ${command}: ${parsed}\n\n${usage}`);
    return 2;
  }
  const spec = await readSpec(parsed.spec, io);
  return spec === undefined ? 1 : { parsed, spec };
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const read = await argsAndSpec('validate', parseValidateArgs, args, io);
  if (typeof read === 'number') return read;
  const { parsed, spec } = read;
  io.out(`${parsed.spec}: valid; ${spec.alerts.length} alerts`);
  printCosts(spec, parsed.ruler, io);
  return 0;
}

async function generate(args: readonly string[], io: CliIo): Promise<number> {
  const read = await argsAndSpec('generate', parseGenerateArgs, args, io);
  if (typeof read === 'number') return read;
  const { parsed, spec } = read;
  const files = generateFiles(spec, parsed.notify, parsed.grafana, parsed.ruler);
  if (parsed.check) {
    const stale: string[] = [];
    for (const file of files) {
      if ((await readIfPresent(join(parsed.out, file.path))) !== file.content) stale.push(file.path);
    }
    if (stale.length > 0) {
      stale.forEach((path) => io.err(`${join(parsed.out, path)}: differs from what ${parsed.spec} generates`));
      io.err(`regenerate with: nowcast-rules generate ${parsed.spec} --out ${parsed.out}`);
      return 1;
    }
    io.out(`${parsed.out}: ${files.length} files up to date`);
    return 0;
  }
  for (const file of files) {
    const path = join(parsed.out, file.path);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    } catch (error) {
      io.err(`${path}: cannot write: ${(error as Error).message}; check that --out is a writable directory`);
      return 1;
    }
    io.out(`wrote ${path}`);
  }
  printCosts(spec, parsed.ruler, io);
  return 0;
}
