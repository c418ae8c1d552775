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

/** Parses `generate` arguments; returns an error message for anything it cannot use. */
export function parseGenerateArgs(args: readonly string[]): GenerateArgs | string {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let check = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === '--check') {
      check = true;
    } else if ((valueFlags as readonly string[]).includes(flag ?? '')) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      values.set(flag ?? '', value);
    } else if (arg.startsWith('--')) {
      return `unknown option "${arg}"`;
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) return 'give exactly one spec file';
  const out = values.get('--out');
  if (out === undefined) return '--out <dir> is required';
  const emailParts = ['--email-smarthost', '--email-from', '--email-domain'].map((f) => values.get(f));
  const emailGiven = emailParts.filter((v) => v !== undefined).length;
  if (emailGiven !== 0 && emailGiven !== 3) {
    return 'e-mail needs all of --email-smarthost, --email-from and --email-domain';
  }
  const [smarthost, from, domain] = emailParts;
  const ruler = values.get('--ruler') ?? defaultRuler;
  if (!isRuler(ruler)) return `--ruler must be one of: ${rulers.join(', ')}; got "${ruler}"`;
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

function isRuler(value: string): value is Ruler {
  return (rulers as readonly string[]).includes(value);
}
