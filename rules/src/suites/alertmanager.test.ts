import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { specFromObject, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { runBinary, startAlertmanager, tempDir, type RunningAlertmanager } from '@nowcast/test-support';
import { defaultWebhookUrl, type NotifyOptions } from '../generate/alertmanager';
import { generateFiles, type GeneratedFile } from '../generate/generate';
import { loadShopAndStore } from '../testing/fixtures';

/*
 * The generated Alertmanager configuration, proven with the real tools: amtool checks it and
 * resolves every route; a real Alertmanager applies the inhibitions.
 */
let shop: AnalyticsSpec;
let store: AnalyticsSpec;
beforeAll(async () => {
  [shop, store] = await loadShopAndStore();
});

const notify: NotifyOptions = { webhookUrl: defaultWebhookUrl };

/** Writes the Alertmanager files into a temp dir; returns the config path and a cleanup. */
function writeAlertmanagerFiles(files: readonly GeneratedFile[]) {
  const dir = tempDir('nowcast-amtool');
  for (const file of files.filter((f) => f.path.startsWith('alertmanager/'))) {
    const path = join(dir.path, file.path.replace(/^alertmanager\//, ''));
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file.content);
  }
  return { config: join(dir.path, 'alertmanager.yml'), dir };
}

function amtool(args: readonly string[], cwd?: string) {
  return runBinary('amtool', args, { cwd });
}

function configOf(files: readonly GeneratedFile[]) {
  const file = files.find((f) => f.path === 'alertmanager/alertmanager.yml');
  return { text: file?.content ?? '', parsed: parse(file?.content ?? '') as { receivers: { name: string }[] } };
}

describe('amtool', () => {
  it.each([
    ['webhook only', notify],
    [
      'with Slack and e-mail',
      {
        ...notify,
        slackApiUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
        email: { smarthost: 'smtp.example.com:587', from: 'alerts@example.com', domain: 'example.com' },
      },
    ],
  ])('check-config accepts the shop configuration (%s)', (_, options) => {
    const { config, dir } = writeAlertmanagerFiles(generateFiles(shop, options));
    try {
      const run = amtool(['check-config', config]);
      expect(run.output).toContain('SUCCESS');
      expect(run.output).toContain('1 templates');
      expect(run.status).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('check-config accepts the configuration of a spec without alerts (default route only)', () => {
    const result = specFromObject({ events: { page_viewed: {} } });
    if (!result.ok) throw new Error('invalid spec');
    const files = generateFiles(result.spec, notify);
    expect(files.map((f) => f.path)).toEqual([
      'prometheus/rules/product-recording.yml',
      'alertmanager/alertmanager.yml',
      'alertmanager/templates/nowcast.tmpl',
      'grafana/datasources/nowcast.yml',
      'grafana/dashboards/nowcast.yml',
      'grafana/dashboards/nowcast/nowcast-product.json',
    ]);
    const { config, dir } = writeAlertmanagerFiles(files);
    try {
      const run = amtool(['check-config', config]);
      expect(run.output).toContain('SUCCESS');
      expect(run.status).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('renders the notification templates with value, baseline and dashboard', () => {
    const { config, dir } = writeAlertmanagerFiles(generateFiles(shop, notify));
    try {
      const render = (name: string) =>
        amtool(
          ['template', 'render', '--template.glob=templates/*.tmpl', `--template.text={{ template "${name}" . }}`],
          join(config, '..')
        );
      const html = render('nowcast.html');
      expect(html.status).toBe(0);
      expect(html.output).toMatch(/value <b>.*<\/b> vs baseline <b>/);
      expect(render('nowcast.title').status).toBe(0);
      expect(render('nowcast.text').status).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('routes by team and severity, with a default webhook for the rest; every receiver is reached', () => {
    const files = generateFiles(shop, notify);
    const { config, dir } = writeAlertmanagerFiles(files);
    const cases: [string, string[]][] = [
      ['payments-page', ['alertname=checkout_conversion_low', 'team=payments', 'severity=critical', 'funnel=checkout']],
      [
        'payments-notify',
        ['alertname=checkout_conversion_anomaly', 'team=payments', 'severity=warning', 'funnel=checkout'],
      ],
      [
        'frontend-notify',
        ['alertname=api_error_browser_spike', 'team=frontend', 'severity=warning', 'event=api_error'],
      ],
      ['frontend-page', ['alertname=api_error_browser_spike', 'team=frontend', 'severity=critical']],
      ['shop-page', ['alertname=page_views_stopped', 'team=shop', 'severity=critical', 'event=page_viewed']],
      ['shop-notify', ['alertname=page_views_stopped', 'team=shop', 'severity=info']],
      ['nowcast-webhook', ['alertname=SomethingElse', 'team=platform', 'severity=critical']],
    ];
    try {
      for (const [receiver, labels] of cases) {
        const run = amtool([
          'config',
          'routes',
          'test',
          `--config.file=${config}`,
          `--verify.receivers=${receiver}`,
          ...labels,
        ]);
        expect({ receiver, labels, output: run.stdout.trim(), status: run.status }).toEqual({
          receiver,
          labels,
          output: receiver,
          status: 0,
        });
      }
      // A wrong expectation fails: the check is real.
      const wrong = amtool([
        'config',
        'routes',
        'test',
        `--config.file=${config}`,
        '--verify.receivers=shop-page',
        'team=payments',
        'severity=critical',
      ]);
      expect(wrong.status).not.toBe(0);
      const receivers = configOf(files)
        .parsed.receivers.map((r) => r.name)
        .sort();
      expect(cases.map(([r]) => r).sort()).toEqual(receivers);
    } finally {
      dir.remove();
    }
  });
});

describe('inhibition in a real Alertmanager', () => {
  let am: RunningAlertmanager | undefined;
  afterEach(async () => {
    await am?.stop();
    am = undefined;
  });

  async function post(running: RunningAlertmanager, alerts: Record<string, string>[]) {
    const response = await fetch(`${running.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        alerts.map((labels) => ({
          labels,
          annotations: { summary: labels.alertname ?? '' },
          startsAt: new Date().toISOString(),
        }))
      ),
    });
    expect(response.status).toBe(200);
  }

  async function inhibitedByName(running: RunningAlertmanager): Promise<Record<string, boolean>> {
    const alerts = await running.alerts();
    return Object.fromEntries(alerts.map((a) => [a.labels.alertname ?? '', a.status.inhibitedBy.length > 0]));
  }

  it('critical mutes warning on the same target only (shop)', async () => {
    am = await startAlertmanager(configOf(generateFiles(shop, notify)).text);
    const target = 'checkout:checkout_started->payment_succeeded';
    await post(am, [
      {
        alertname: 'checkout_conversion_low',
        severity: 'critical',
        team: 'payments',
        funnel: 'checkout',
        nowcast_kind: 'threshold',
        nowcast_target: target,
      },
      {
        alertname: 'checkout_conversion_anomaly',
        severity: 'warning',
        team: 'payments',
        funnel: 'checkout',
        nowcast_kind: 'anomaly',
        nowcast_target: target,
      },
      {
        alertname: 'api_error_browser_spike',
        severity: 'warning',
        team: 'frontend',
        event: 'api_error',
        browser: 'chrome',
        browser_version: '121',
        nowcast_kind: 'spike',
        nowcast_target: 'api_error',
      },
    ]);
    expect(await inhibitedByName(am)).toEqual({
      checkout_conversion_low: false,
      checkout_conversion_anomaly: true,
      api_error_browser_spike: false,
    });
  });

  it('warning mutes info on the same target only', async () => {
    am = await startAlertmanager(configOf(generateFiles(shop, notify)).text);
    await post(am, [
      { alertname: 'conversion_watch', severity: 'warning', team: 'payments', nowcast_target: 'checkout:a->b' },
      { alertname: 'conversion_note', severity: 'info', team: 'payments', nowcast_target: 'checkout:a->b' },
      { alertname: 'other_note', severity: 'info', team: 'payments', nowcast_target: 'signup:x->y' },
    ]);
    expect(await inhibitedByName(am)).toEqual({ conversion_watch: false, conversion_note: true, other_note: false });
  });

  // The alerts the store's promtool suite proves fire together when order tracking breaks.
  it('events that stopped mute the anomalies that read them, and no others (store)', async () => {
    am = await startAlertmanager(configOf(generateFiles(store, notify)).text);
    await post(am, [
      {
        alertname: 'orders_stopped',
        severity: 'critical',
        team: 'product',
        event: 'order',
        nowcast_kind: 'no_data',
        nowcast_target: 'order',
      },
      {
        alertname: 'purchase_conversion_anomaly',
        severity: 'warning',
        team: 'product',
        funnel: 'purchase',
        nowcast_kind: 'anomaly',
        nowcast_target: 'purchase:visit->order',
      },
      {
        alertname: 'visits_anomaly',
        severity: 'warning',
        team: 'product',
        event: 'visit',
        nowcast_kind: 'anomaly',
        nowcast_target: 'visit',
      },
    ]);
    expect(await inhibitedByName(am)).toEqual({
      orders_stopped: false,
      purchase_conversion_anomaly: true,
      visits_anomaly: false,
    });
  });
});
