import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { createNowcast, type Nowcast } from '@nowcast/otel-exporter';
import { parseSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { generateFiles } from '@nowcast/rules';
import {
  freePort,
  startAlertmanager,
  startPrometheus,
  tempDir,
  type RunningAlertmanager,
  type RunningPrometheus,
} from '@nowcast/test-support';
import { apiErrorsSpec } from './fixtures/apiErrorsSpec';

/**
 * The whole alert path with every real part: events through the OTel Logs API → the in-process
 * exporter → a real Prometheus scraping it and evaluating the rules generated from the spec →
 * a real Alertmanager with the generated config → the webhook a team would receive.
 */
const specText = apiErrorsSpec('e2e', 'http://grafana.example.com/d/e2e');

interface Notification {
  status: string;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

describe('alert path: OTel event → exporter → Prometheus rules → Alertmanager → webhook', () => {
  let spec: AnalyticsSpec;
  let nowcast: Nowcast;
  let loggerProvider: LoggerProvider;
  let prometheus: RunningPrometheus;
  let alertmanager: RunningAlertmanager;
  let webhook: Server;
  let traffic: NodeJS.Timeout;
  const notifications: Notification[] = [];
  const dir = tempDir('nowcast-alert-path');

  beforeAll(async () => {
    const parsed = parseSpec(specText, 'e2e.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
    spec = parsed.spec;

    const webhookPort = await freePort();
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        notifications.push(JSON.parse(body) as Notification);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(webhookPort, '127.0.0.1', resolve));

    const files = generateFiles(spec, { webhookUrl: `http://127.0.0.1:${webhookPort}/alerts` });
    for (const file of files) {
      mkdirSync(dirname(join(dir.path, file.path)), { recursive: true });
      writeFileSync(join(dir.path, file.path), file.content);
    }
    const config = files.find((f) => f.path === 'alertmanager/alertmanager.yml');
    const templates = files.filter((f) => f.path.startsWith('alertmanager/templates/'));
    if (config === undefined) throw new Error('the generator wrote no alertmanager.yml');
    alertmanager = await startAlertmanager(config.content, {
      files: Object.fromEntries(templates.map((t) => [t.path.replace('alertmanager/', ''), t.content])),
    });

    nowcast = createNowcast({ spec, userIdKey: 'alert-path-test', sweepIntervalMs: 0 });
    loggerProvider = new LoggerProvider({ processors: [nowcast.processor] });
    const exporter = await nowcast.listen({ port: 0, host: '127.0.0.1' });
    prometheus = await startPrometheus({
      targets: [`127.0.0.1:${exporter.address.port}`],
      ruleFiles: files.filter((f) => f.path.startsWith('prometheus/rules/')).map((f) => join(dir.path, f.path)),
      alertmanager: alertmanager.address,
    });

    // 5 errors per second from Chrome, 1 from Firefox: the alert is on the event's total rate.
    const logger = loggerProvider.getLogger('e2e');
    let tick = 0;
    traffic = setInterval(() => {
      tick++;
      for (let i = 0; i < 5; i++) {
        logger.emit({ eventName: 'api_error', attributes: { 'user.id': `u${tick}-${i}`, browser: 'chrome' } });
      }
      logger.emit({ eventName: 'api_error', attributes: { 'anonymous.id': `a${tick}`, browser: 'firefox' } });
    }, 1000);
  }, 60_000);

  afterAll(async () => {
    clearInterval(traffic);
    await prometheus?.stop();
    await alertmanager?.stop();
    await nowcast?.shutdown();
    await loggerProvider?.shutdown();
    webhook?.close();
    dir.remove();
  });

  it('delivers the firing alert with its labels and annotations to the team webhook', async () => {
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !notifications.some((n) => n.status === 'firing')) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const firing = notifications.find((n) => n.status === 'firing');
    if (firing === undefined) {
      const rules = await fetch(`${prometheus.url}/api/v1/rules`).then((r) => r.text());
      throw new Error(`no notification within 150 s; Prometheus rules: ${rules.slice(0, 2000)}`);
    }
    expect(firing.alerts).toHaveLength(1);
    const [alert] = firing.alerts;
    expect(alert?.labels).toMatchObject({
      alertname: 'api_errors_high',
      event: 'api_error',
      severity: 'critical',
      team: 'frontend',
    });
    expect(alert?.annotations).toMatchObject({
      summary: 'API errors above 2 per second',
      dashboard_url: 'http://grafana.example.com/d/e2e',
    });
    // The rate Prometheus judged is the rate the exporter counted: 6 events per second.
    const [rate] = await prometheus.query('sum(rate(e2e_events_total{event="api_error"}[30s]))');
    expect(rate?.value).toBeGreaterThan(4.5);
    expect(rate?.value).toBeLessThan(7.5);
  }, 170_000);
});
