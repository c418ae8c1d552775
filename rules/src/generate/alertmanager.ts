import { labelNames, matcher } from '@nowcast/otel-exporter/contract';
import { alertLabelNames } from '../model/alertLabels';
import type { ModelAlert, RulesModel } from '../model/model';
import { scrapeSelector } from '../model/selector';

/** Where notifications go. The webhook is always there; Slack and e-mail are opt-in. */
export interface NotifyOptions {
  /** Default receiver; a loopback URL unless told otherwise. */
  readonly webhookUrl: string;
  /** Slack incoming-webhook URL: each team's channel `#<team>-alerts` gets its alerts. */
  readonly slackApiUrl?: string;
  /** E-mail: each team's address is `<team>@<domain>`. */
  readonly email?: { readonly smarthost: string; readonly from: string; readonly domain: string };
}

export const defaultWebhookUrl = 'http://127.0.0.1:9099/alerts';
export const templateFile = 'templates/nowcast.tmpl';
export const defaultReceiver = 'nowcast-webhook';

interface Receiver {
  name: string;
  webhook_configs: { url: string; send_resolved: boolean }[];
  slack_configs?: Record<string, unknown>[];
  email_configs?: Record<string, unknown>[];
}

/** Receiver names: one per team and severity class, so a route test can name exactly where an alert goes. */
export function receiverName(team: string, paging: boolean): string {
  return `${team}-${paging ? 'page' : 'notify'}`;
}

function receiver(name: string, team: string, options: NotifyOptions): Receiver {
  const r: Receiver = { name, webhook_configs: [{ url: options.webhookUrl, send_resolved: true }] };
  if (options.slackApiUrl !== undefined && team !== '') {
    r.slack_configs = [
      {
        api_url: options.slackApiUrl,
        channel: `#${team}-alerts`,
        send_resolved: true,
        title: '{{ template "nowcast.title" . }}',
        text: '{{ template "nowcast.text" . }}',
      },
    ];
  }
  if (options.email !== undefined && team !== '') {
    r.email_configs = [
      {
        to: `${team}@${options.email.domain}`,
        from: options.email.from,
        smarthost: options.email.smarthost,
        send_resolved: true,
        headers: { Subject: '{{ template "nowcast.title" . }}' },
        html: '{{ template "nowcast.html" . }}',
      },
    ];
  }
  return r;
}

/** Label sets a no_data alert and the anomalies it explains share: the deployment and the splits both have. */
function commonSplit(deployment: readonly string[], a: ModelAlert, b: ModelAlert): string[] {
  return [...deployment, ...a.spec.by.filter((l) => b.spec.by.includes(l)).sort()];
}

function inhibitRules(model: RulesModel) {
  const deployment = scrapeSelector(model.spec).labels;
  const splits = [...new Set(model.alerts.flatMap((a) => a.spec.by))].sort();
  const sameTarget = [alertLabelNames.target, ...deployment, ...splits];
  const rules: Record<string, unknown>[] = [
    {
      source_matchers: [matcher(alertLabelNames.severity, 'critical')],
      target_matchers: [matcher(alertLabelNames.severity, ['warning', 'info'])],
      equal: sameTarget,
    },
    {
      source_matchers: [matcher(alertLabelNames.severity, 'warning')],
      target_matchers: [matcher(alertLabelNames.severity, 'info')],
      equal: sameTarget,
    },
  ];
  // Events that stopped make every anomaly reading them a symptom: page for the cause only. An
  // alert reads only its own steps' events, so a funnel's other steps stopping mutes nothing.
  for (const noData of model.alerts.filter((a) => a.spec.kind === 'no_data')) {
    const stopped = noData.events;
    const symptoms = model.alerts.filter((a) => a.spec.kind === 'anomaly' && a.events.some((e) => stopped.includes(e)));
    for (const anomaly of symptoms) {
      rules.push({
        source_matchers: [matcher(alertLabelNames.alertname, noData.spec.name)],
        target_matchers: [matcher(alertLabelNames.alertname, anomaly.spec.name)],
        equal: commonSplit(deployment, noData, anomaly),
      });
    }
  }
  return rules;
}

/** The Alertmanager configuration as data; rendered with a header that documents the options. */
export function alertmanagerConfig(model: RulesModel, options: NotifyOptions): Record<string, unknown> {
  const teams = [...new Set(model.alerts.map((a) => a.spec.team))].sort();
  const receivers: Receiver[] = [receiver(defaultReceiver, '', options)];
  const teamRoutes = teams.map((team) => {
    receivers.push(
      receiver(receiverName(team, true), team, options),
      receiver(receiverName(team, false), team, options)
    );
    return {
      receiver: receiverName(team, false),
      matchers: [matcher(alertLabelNames.team, team)],
      routes: [
        {
          // Pages go out fast and are repeated until someone acts.
          receiver: receiverName(team, true),
          matchers: [matcher(alertLabelNames.severity, 'critical')],
          group_wait: '10s',
          repeat_interval: '1h',
        },
      ],
    };
  });
  const config: Record<string, unknown> = {};
  if (options.email !== undefined) {
    config.global = { smtp_require_tls: true };
  }
  return {
    ...config,
    templates: [templateFile],
    route: {
      receiver: defaultReceiver,
      // One notification per alert and funnel/event; splits (browser, provider…) stay inside it.
      group_by: [alertLabelNames.alertname, labelNames.funnel, labelNames.event],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: teamRoutes,
    },
    inhibit_rules: inhibitRules(model),
    receivers,
  };
}

/** Comment put at the top of alertmanager.yml. */
export const alertmanagerHeader = `Generated by nowcast-rules from the analytics spec; do not edit, regenerate.
Every receiver posts to the webhook. Slack and e-mail are options of the generator:
  nowcast-rules generate analytics.yaml --out provisioning \\
    --slack-api-url https://hooks.slack.com/services/… \\
    --email-smarthost smtp.example.com:587 --email-from alerts@example.com --email-domain example.com
which adds to each team's receivers a slack_configs entry (channel #<team>-alerts) and an
email_configs entry (<team>@<domain>), both using the templates in ${templateFile}.`;
