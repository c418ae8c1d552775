/**
 * The live demo: the shop's simulated traffic goes through the real OTel Logs API into the
 * in-process Nowcast exporter; a real Prometheus scrapes it and evaluates the rules generated
 * from the shop spec; a real Alertmanager routes the alerts to a webhook that prints them here;
 * the panel preview shows funnels and live activity. Keys 1–5 switch the traffic scenario.
 *
 *   npm run demo [-- --scenario normal --next payment-outage --after 6 --seed 7 --minutes 0]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { createNowcast } from '@nowcast/otel-exporter';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { freePort, startAlertmanager, startPrometheus } from '@nowcast/test-support';
import { emitShopEvent } from '../emit';
import { ShopTraffic } from '../traffic/traffic';
import { isScenarioName, scenarios, type ScenarioName } from '../traffic/scenarios';
import { describeNotification, type WebhookNotification } from './notifications';

const repoRoot = join(__dirname, '../../../..');
const provisioning = join(repoRoot, 'provisioning');
const scenarioKeys: readonly ScenarioName[] = [
  'normal',
  'flash-sale',
  'payment-outage',
  'browser-bug',
  'tracking-down',
];

/** The well-known port if it is free, else any free one (a second demo must not fail). */
async function portNear(preferred: number): Promise<number> {
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

/** Receives Alertmanager's webhook notifications and prints one line per alert. */
function startWebhook(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        for (const line of describeNotification(JSON.parse(body) as WebhookNotification)) log(`alert  ${line}`);
      } catch (error) {
        log(`alert  (unreadable notification: ${(error as Error).message})`);
      }
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'normal' },
      seed: { type: 'string', default: '7' },
      minutes: { type: 'string', default: '0' },
      next: { type: 'string' },
      after: { type: 'string', default: '5' },
    },
  });
  const first = scenarioNamed(values.scenario);
  const next = values.next === undefined ? undefined : scenarioNamed(values.next);
  const spec = await loadSpec(join(repoRoot, 'examples/shop/analytics.yaml'));
  const nowcast = createNowcast({ spec, userIdKey: process.env[spec.exemplars.keyEnv] ?? 'nowcast-demo-key' });
  const loggerProvider = new LoggerProvider({ processors: [nowcast.processor] });
  const logger = loggerProvider.getLogger('shop');
  const tracer = new BasicTracerProvider().getTracer('shop');

  const exporterServer = await nowcast.listen({ port: await portNear(9464), host: '127.0.0.1' });
  const exporterAddress = `${exporterServer.address.address}:${exporterServer.address.port}`;
  const webhookPort = Number(new URL(readAlertmanagerWebhookUrl()).port);
  const webhook = await startWebhook(webhookPort);
  const alertmanager = await startAlertmanager(
    readFileSync(join(provisioning, 'alertmanager/alertmanager.yml'), 'utf8'),
    {
      port: await portNear(9093),
      files: {
        'templates/nowcast.tmpl': readFileSync(join(provisioning, 'alertmanager/templates/nowcast.tmpl'), 'utf8'),
      },
    }
  );
  const ruleFiles = ['recording', 'baselines', 'alerts'].map((kind) =>
    join(provisioning, `prometheus/rules/${spec.namespace}-${kind}.yml`)
  );
  const prometheus = await startPrometheus({
    port: await portNear(9090),
    targets: [exporterAddress],
    scrapeInterval: '5s',
    evaluationInterval: '15s',
    ruleFiles,
    alertmanager: alertmanager.address,
  });
  const previewPort = await portNear(3030);
  const preview = spawn(
    'npm',
    [
      'run',
      '--silent',
      'preview',
      '-w',
      'grafana-panel',
      '--',
      '--prometheus',
      prometheus.url,
      '--port',
      String(previewPort),
      ...previewChoices(spec),
    ],
    // Its own process group, so stopping the demo stops npm's children too (ts-node, the server).
    { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], detached: true }
  );

  const traffic = new ShopTraffic(Number(values.seed), Date.now());
  traffic.setScenario(first);
  const switchTo = (name: ScenarioName) => {
    traffic.setScenario(name);
    log(`scenario      ${name}: ${scenarios[name].description}`);
  };
  // A scheduled switch shows an incident without a keyboard (recordings, a second terminal).
  const scheduled =
    next !== undefined && isScenarioName(next)
      ? setTimeout(() => switchTo(next), Number(values.after) * 60_000)
      : undefined;
  const tick = setInterval(() => {
    for (const event of traffic.due(Date.now())) emitShopEvent(logger, tracer, event);
  }, 200);

  log(`exporter      ${exporterServer.url}`);
  log(`prometheus    ${prometheus.url}  (rules: provisioning/prometheus/rules)`);
  log(`alertmanager  ${alertmanager.url}  (notifications print below)`);
  log(`panel         http://127.0.0.1:${previewPort}  (funnel and live activity)`);
  log(`scenario      ${traffic.scenarioName}: ${scenarios[traffic.scenarioName].description}`);
  if (process.stdin.isTTY) {
    log(`keys          ${scenarioKeys.map((name, i) => `${i + 1} ${name}`).join(' · ')} · q quit`);
    process.stdin.setRawMode(true);
    process.stdin.on('data', (key: Buffer) => {
      const pressed = key.toString();
      if (pressed === 'q' || pressed === '\u0003') void stop();
      const chosen = scenarioKeys[Number(pressed) - 1];
      if (chosen !== undefined) switchTo(chosen);
    });
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(tick);
    clearTimeout(scheduled);
    if (preview.pid !== undefined) process.kill(-preview.pid, 'SIGTERM');
    await prometheus.stop();
    await alertmanager.stop();
    webhook.close();
    await nowcast.shutdown();
    await loggerProvider.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const minutes = Number(values.minutes);
  if (minutes > 0) setTimeout(() => void stop(), minutes * 60_000);
}

function scenarioNamed(name: string): ScenarioName {
  if (!isScenarioName(name)) {
    throw new Error(`unknown scenario "${name}"; choose one of: ${scenarioKeys.join(', ')}`);
  }
  return name;
}

/** The preview shows the spec's first funnel and its first active-user scope and window. */
function previewChoices(spec: AnalyticsSpec): string[] {
  const choices: [string, string | undefined][] = [
    ['--funnel', spec.funnels[0]?.name],
    ['--scope', spec.activeUsers.scopes[0]?.name],
    ['--window', spec.activeUsers.windows[0]?.text],
    ['--namespace', spec.namespace],
  ];
  return choices.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value]));
}

/** The generated Alertmanager config names the webhook the demo must listen on. */
function readAlertmanagerWebhookUrl(): string {
  const config = readFileSync(join(provisioning, 'alertmanager/alertmanager.yml'), 'utf8');
  const match = /url:\s*(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(config);
  if (match?.[1] === undefined) {
    throw new Error('provisioning/alertmanager/alertmanager.yml names no loopback webhook url; regenerate it');
  }
  return match[1];
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error).message}\n`);
  process.exit(1);
});
