import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { createNowcast, startLogsService, type Nowcast } from '@nowcast/otel-exporter';
import { parseSpec } from '@nowcast/otel-exporter/spec';
import { generateFiles, renderedRuleFiles } from '@nowcast/rules';
import {
  freePort,
  requireBinary,
  startAlertmanager,
  startServer,
  tempDir,
  type RunningAlertmanager,
  type RunningProcess,
  type VmalertCheck,
  vmalertDryRun,
} from '@nowcast/test-support';
import { apiErrorsSpec } from '../fixtures/apiErrorsSpec';

/**
 * The second engine on the scale-out path: the service, scraped by a real Prometheus that
 * remote-writes into Debian's VictoriaMetrics 1.79; vmalert evaluates the rules generated with
 * `--ruler vmalert` against VictoriaMetrics (writing recording rules back into it) and sends to
 * Alertmanager. Prometheus evaluates no rules here, so the alert that arrives came through vmalert.
 */
jest.setTimeout(150_000);

/**
 * vmalert delays each group's first evaluation by a phase derived from the group's hash, anywhere
 * within its interval (up to 5 min for the levels group that records the dispersion the alert
 * reads; VictoriaMetrics/VictoriaMetrics app/vmalert/group.go, delayBeforeStart). To stay bounded
 * the test runs every group each second; the expressions, windows and labels are the generated ones.
 */
function fastGroups(ruleFile: string): string {
  return ruleFile.replace(/^(\s+interval:) \S+$/gm, '$1 1s');
}

const specText = apiErrorsSpec('vm');

describe('service → Prometheus remote_write → VictoriaMetrics ← vmalert → Alertmanager', () => {
  const dir = tempDir('nowcast-vm-path');
  const processes: RunningProcess[] = [];
  let nowcast: Nowcast;
  let service: Awaited<ReturnType<typeof startLogsService>>;
  let alertmanager: RunningAlertmanager;
  let traffic: NodeJS.Timeout;
  let vmUrl = '';
  let vmalertUrl = '';

  beforeAll(async () => {
    const parsed = parseSpec(specText, 'vm.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
    const files = generateFiles(parsed.spec, { webhookUrl: 'http://127.0.0.1:9/alerts' }, undefined, 'vmalert');
    for (const file of files) {
      mkdirSync(dirname(join(dir.path, file.path)), { recursive: true });
      writeFileSync(
        join(dir.path, file.path),
        file.path.startsWith('prometheus/rules/') ? fastGroups(file.content) : file.content
      );
    }
    const config = files.find((f) => f.path === 'alertmanager/alertmanager.yml');
    const templates = files.filter((f) => f.path.startsWith('alertmanager/templates/'));
    if (config === undefined) throw new Error('the generator wrote no alertmanager.yml');
    alertmanager = await startAlertmanager(config.content, {
      files: Object.fromEntries(templates.map((t) => [t.path.replace('alertmanager/', ''), t.content])),
    });

    nowcast = createNowcast({ spec: parsed.spec, sweepIntervalMs: 0 });
    service = await startLogsService(nowcast, { port: 0 });

    const [vmPort, vmalertPort, prometheusPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const vm = `http://127.0.0.1:${vmPort}`;
    vmUrl = vm;
    vmalertUrl = `http://127.0.0.1:${vmalertPort}`;
    processes.push(
      await startServer(
        requireBinary('victoriaMetrics'),
        [
          `-httpListenAddr=127.0.0.1:${vmPort}`,
          `-storageDataPath=${join(dir.path, 'vm-data')}`,
          '-retentionPeriod=1d',
          // Queries see samples as soon as they are written (default: not the last 30 s).
          '-search.latencyOffset=1s',
          '-loggerLevel=WARN',
        ],
        `${vm}/health`
      )
    );
    const rules = files
      .filter((f) => f.path.startsWith('prometheus/rules/'))
      .map((f) => `-rule=${join(dir.path, f.path)}`);
    processes.push(
      await startServer(
        requireBinary('vmalert'),
        [
          ...rules,
          `-datasource.url=${vm}`,
          // Recording rules are written back, so the alerting rules that read them find them.
          `-remoteWrite.url=${vm}`,
          `-notifier.url=${alertmanager.url}`,
          '-evaluationInterval=1s',
          `-httpListenAddr=127.0.0.1:${vmalertPort}`,
          '-loggerLevel=WARN',
        ],
        `http://127.0.0.1:${vmalertPort}/health`
      )
    );
    const prometheusConfig = join(dir.path, 'prometheus.yml');
    writeFileSync(
      prometheusConfig,
      stringify({
        global: { scrape_interval: '1s' },
        scrape_configs: [{ job_name: 'nowcast', static_configs: [{ targets: [`127.0.0.1:${service.address.port}`] }] }],
        remote_write: [{ url: `${vm}/api/v1/write`, queue_config: { batch_send_deadline: '1s' } }],
      })
    );
    processes.push(
      await startServer(
        requireBinary('prometheus'),
        [
          `--config.file=${prometheusConfig}`,
          `--storage.tsdb.path=${join(dir.path, 'prometheus-data')}`,
          `--web.listen-address=127.0.0.1:${prometheusPort}`,
          '--log.level=warn',
        ],
        `http://127.0.0.1:${prometheusPort}/-/ready`
      )
    );

    // 5 errors per second from Chrome, 1 from Firefox, posted to the service as OTLP/JSON.
    let tick = 0;
    traffic = setInterval(() => {
      tick++;
      const records = Array.from({ length: 6 }, (_, i) => ({
        eventName: 'api_error',
        attributes: [
          { key: 'user.id', value: { stringValue: `u${tick}-${i}` } },
          { key: 'browser', value: { stringValue: i < 5 ? 'chrome' : 'firefox' } },
        ],
      }));
      void fetch(`${service.url}/v1/logs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: records }] }] }),
      });
    }, 1000);
  }, 60_000);

  afterAll(async () => {
    clearInterval(traffic);
    for (const running of processes.reverse()) await running.stop();
    await alertmanager?.stop();
    await service?.close();
    await nowcast?.shutdown();
    dir.remove();
  });

  it('fires the generated alert through vmalert into Alertmanager', async () => {
    const deadline = Date.now() + 60_000;
    let firing: Awaited<ReturnType<RunningAlertmanager['alerts']>> = [];
    while (Date.now() < deadline && firing.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      firing = (await alertmanager.alerts()).filter((a) => a.labels.alertname === 'api_errors_high');
    }
    if (firing.length === 0) {
      const groups = await fetch(`${vmalertUrl}/api/v1/rules`).then((r) => r.text());
      const stored = await fetch(`${vmUrl}/api/v1/query?query=${encodeURIComponent('{__name__=~"vm.*"}')}`).then((r) =>
        r.text()
      );
      throw new Error(
        `no alert within 60 s\nvmalert rules: ${groups.slice(0, 3000)}\nVictoriaMetrics: ${stored.slice(0, 2000)}\n` +
          `vmalert said: ${processes[1]?.logs().slice(-2000)}`
      );
    }
    expect(firing).toHaveLength(1);
    expect(firing[0]?.labels).toMatchObject({ event: 'api_error', severity: 'critical', team: 'frontend' });
    // vmalert names the rule group on each alert it sends (Prometheus does not).
    expect(firing[0]?.labels.alertgroup).toBe('nowcast_vm_alerts');
    expect(firing[0]?.annotations).toMatchObject({ summary: 'API errors above 2 per second' });
  });
});

describe('rules for vmalert 1.79', () => {
  /** vmalert's own config check (`-dryRun`) on the rule files generated for `ruler`. */
  function vmalertCheck(ruler: 'prometheus' | 'vmalert'): VmalertCheck {
    const parsed = parseSpec(specText, 'vm.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
    return vmalertDryRun(renderedRuleFiles(parsed.spec, ruler));
  }

  it('refuses the default rules (keep_firing_for) and accepts those generated with --ruler vmalert', () => {
    const prometheusRules = vmalertCheck('prometheus');
    expect(prometheusRules.status).not.toBe(0);
    expect(prometheusRules.output).toContain('unknown fields in rule: keep_firing_for');
    const vmalertRules = vmalertCheck('vmalert');
    expect(vmalertRules.output).not.toContain('fatal');
    expect(vmalertRules.status).toBe(0);
  });
});
