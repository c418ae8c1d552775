import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requireBinary } from './binaries';
import { freePort } from './ports';
import { startServer, tempDir } from './process';

export interface AmAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
  readonly receivers: { name: string }[];
}

export interface RunningAlertmanager {
  readonly url: string;
  /** host:port, for a Prometheus `alerting` config. */
  readonly address: string;
  alerts(): Promise<AmAlert[]>;
  logs(): string;
  stop(): Promise<void>;
}

export interface AlertmanagerOptions {
  /** Listen here instead of a free port (the demo's well-known port). */
  readonly port?: number;
  /** Files written beside the config, by relative path (e.g. the `templates/` it names). */
  readonly files?: Readonly<Record<string, string>>;
}

/** Starts a real Alertmanager on a free loopback port with clustering off (it would bind 0.0.0.0). */
export async function startAlertmanager(
  configYaml: string,
  options: AlertmanagerOptions = {}
): Promise<RunningAlertmanager> {
  const binary = requireBinary('alertmanager');
  const dir = tempDir('nowcast-alertmanager');
  const port = options.port ?? (await freePort());
  const configFile = join(dir.path, 'alertmanager.yml');
  writeFileSync(configFile, configYaml);
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir.path, path)), { recursive: true });
    writeFileSync(join(dir.path, path), content);
  }
  const address = `127.0.0.1:${port}`;
  const url = `http://${address}`;
  const server = await startServer(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir.path, 'data')}`,
      `--web.listen-address=${address}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    `${url}/-/ready`
  );
  return {
    url,
    address,
    async alerts() {
      const response = await fetch(`${url}/api/v2/alerts`);
      return (await response.json()) as AmAlert[];
    },
    logs: server.logs,
    async stop() {
      await server.stop();
      dir.remove();
    },
  };
}
