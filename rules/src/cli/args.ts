import { defaultPrometheusUrl, type GrafanaOptions } from '../dashboards/provisioning';
import { defaultWebhookUrl, type NotifyOptions } from '../generate/alertmanager';
import { defaultRuler, rulers, type Ruler } from '../model/ruler';

export interface GenerateArgs {
  readonly spec: string;
  readonly out: string;
  readonly notify: NotifyOptions;
  readonly grafana: GrafanaOptions;
  /** The rule engine the alerting rules are written for. */
  readonly ruler: Ruler;
  /** Compare with the files in `out` instead of writing them. */
  readonly check: boolean;
}

const valueFlags = [
  '--out',
  '--webhook-url',
  '--slack-api-url',
  '--email-smarthost',
  '--email-from',
  '--email-domain',
  '--prometheus-url',
  '--ruler',
] as const;

interface ParsedOptions {
  readonly values: ReadonlyMap<string, string>;
  readonly positional: readonly string[];
  readonly check: boolean;
}

/** Splits `--flag value`, `--flag=value`, `--check` and positional arguments; an error message for anything else. */
function readOptions(args: readonly string[], flags: readonly string[], checkAllowed: boolean): ParsedOptions | string {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let check = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (checkAllowed && flag === '--check') {
      check = true;
    } else if (flags.includes(flag ?? '')) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      values.set(flag ?? '', value);
    } else if (arg.startsWith('--')) {
      return `unknown option "${arg}"`;
    } else {
      positional.push(arg);
    }
  }
  return { values, positional, check };
}

export interface ValidateArgs {
  readonly spec: string;
  readonly ruler: Ruler;
}

/** Parses `validate` arguments: one spec file and `--ruler`. */
export function parseValidateArgs(args: readonly string[]): ValidateArgs | string {
  const options = readOptions(args, ['--ruler'], false);
  if (typeof options === 'string') return options;
  if (options.positional.length !== 1) return 'give exactly one spec file';
  const ruler = rulerOf(options.values);
  return typeof ruler === 'string' ? ruler : { spec: options.positional[0] ?? '', ruler: ruler.ruler };
}

/** Parses `generate` arguments; returns an error message for anything it cannot use. */
export function parseGenerateArgs(args: readonly string[]): GenerateArgs | string {
  const options = readOptions(args, valueFlags, true);
  if (typeof options === 'string') return options;
  const { values, positional, check } = options;
  if (positional.length !== 1) return 'give exactly one spec file';
  const out = values.get('--out');
  if (out === undefined) return '--out <dir> is required';
  const emailParts = ['--email-smarthost', '--email-from', '--email-domain'].map((f) => values.get(f));
  const emailGiven = emailParts.filter((v) => v !== undefined).length;
  if (emailGiven !== 0 && emailGiven !== 3) {
    return 'e-mail needs all of --email-smarthost, --email-from and --email-domain';
  }
  const [smarthost, from, domain] = emailParts;
  const chosen = rulerOf(values);
  if (typeof chosen === 'string') return chosen;
  const { ruler } = chosen;
  return {
    spec: positional[0] ?? '',
    out,
    check,
    ruler,
    grafana: { prometheusUrl: values.get('--prometheus-url') ?? defaultPrometheusUrl },
    notify: {
      webhookUrl: values.get('--webhook-url') ?? defaultWebhookUrl,
      slackApiUrl: values.get('--slack-api-url'),
      email:
        smarthost !== undefined && from !== undefined && domain !== undefined ? { smarthost, from, domain } : undefined,
    },
  };
}

/** `--ruler`, or the default; an error message for an unknown one. */
function rulerOf(values: ReadonlyMap<string, string>): { ruler: Ruler } | string {
  const ruler = values.get('--ruler') ?? defaultRuler;
  return isRuler(ruler) ? { ruler } : `--ruler must be one of: ${rulers.join(', ')}; got "${ruler}"`;
}

function isRuler(value: string): value is Ruler {
  return (rulers as readonly string[]).includes(value);
}
