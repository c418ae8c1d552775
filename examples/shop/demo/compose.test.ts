import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './shop';

/*
 * examples/compose/docker-compose.yaml cannot run here (no Docker): this checks what can go wrong
 * without running it — every mounted path exists, and the files it wires agree with each other.
 */

interface ComposeService {
  image: string;
  command?: string | string[];
  volumes?: string[];
}

const composeFile = join(repoRoot, 'examples/compose/docker-compose.yaml');
const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };
const mounts = Object.entries(compose.services).flatMap(([service, { volumes = [] }]) =>
  volumes.map((volume) => {
    const [source = '', target = ''] = volume.split(':');
    return { service, source: resolve(dirname(composeFile), source), target };
  })
);
const mountOf = (service: string, target: string) =>
  mounts.find((m) => m.service === service && (target === m.target || target.startsWith(`${m.target}/`)));
/** Where a path inside a container lies in this repository. */
const hostPath = (service: string, target: string) => {
  const mount = mountOf(service, target);
  return mount === undefined ? undefined : join(mount.source, target.slice(mount.target.length));
};

describe('the docker-compose stack', () => {
  it('mounts only paths that exist (after npm run build)', () => {
    expect(mounts.length).toBeGreaterThan(5);
    expect(mounts.filter((m) => !existsSync(m.source)).map((m) => `${m.service}: ${m.source}`)).toEqual([]);
  });

  it('runs the built demo in exporter-only mode', () => {
    const command = compose.services.shop?.command;
    const script = /node (\S+)/.exec(String(command))?.[1] ?? '';
    expect(existsSync(hostPath('shop', join('/nowcast', script)) ?? '')).toBe(true);
    expect(String(command)).toContain('--exporter-only');
  });

  it('gives Prometheus the generated rules and Alertmanager the generated config', () => {
    const prometheusConfig = parse(
      readFileSync(hostPath('prometheus', '/etc/prometheus/prometheus.yml') ?? '', 'utf8')
    ) as { rule_files: string[] };
    const rulesDir = hostPath('prometheus', dirname(prometheusConfig.rule_files[0] ?? '')) ?? '';
    expect(readFileSync(join(rulesDir, 'product-alerts.yml'), 'utf8')).toContain('alert:');
    expect(existsSync(hostPath('alertmanager', '/etc/alertmanager/alertmanager.yml') ?? '')).toBe(true);
    expect(existsSync(hostPath('alertmanager', '/etc/alertmanager/templates/nowcast.tmpl') ?? '')).toBe(true);
  });

  it('gives Grafana the panel under its plugin id, and the dashboards where the provider looks', () => {
    const pluginJson = JSON.parse(readFileSync(join(repoRoot, 'grafana-panel/src/plugin.json'), 'utf8')) as {
      id: string;
      dependencies: { grafanaDependency: string };
    };
    expect(hostPath('grafana', `/var/lib/grafana/plugins/${pluginJson.id}/module.js`)).toBe(
      join(repoRoot, 'grafana-panel/dist/module.js')
    );
    const provider = parse(
      readFileSync(hostPath('grafana', '/etc/grafana/provisioning/dashboards/nowcast.yml') ?? '', 'utf8')
    ) as { providers: { options: { path: string } }[] };
    const dashboards = hostPath('grafana', provider.providers[0]?.options.path ?? '') ?? '';
    expect(existsSync(join(dashboards, 'nowcast-shop.json'))).toBe(true);
    const grafanaVersion = compose.services.grafana?.image.split(':')[1];
    expect(pluginJson.dependencies.grafanaDependency).toContain(`>=${grafanaVersion}`);
  });
});
