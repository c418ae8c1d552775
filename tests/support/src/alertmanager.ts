import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Starts a real Alertmanager on a free loopback port with clustering off (it would bind 0.0.0.0). */
export async function startAlertmanager(configYaml: string): Promise<RunningAlertmanager> {
  const binary = requireBinary('alertmanager');
  const dir = tempDir('nowcast-alertmanager');
  const port = await freePort();
  const configFile = join(dir.path, 'alertmanager.yml');
  writeFileSync(configFile, configYaml);
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
