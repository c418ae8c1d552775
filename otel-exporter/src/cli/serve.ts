import { createNowcast } from '../nowcast';
import { startLogsService } from '../serve/logsService';
import type { CliIo } from './io';
import { readSpec } from './readSpec';

const usage = 'Usage: nowcast-exporter serve <spec.yaml> [--port 9464] [--host 127.0.0.1]';

/** `serve`: the standalone service until `stop` aborts; resolves to the exit code. */
export async function serve(args: readonly string[], io: CliIo, stop: AbortSignal): Promise<number> {
  const [file, ...flags] = args;
  const options = { port: 9464, host: '127.0.0.1' };
  for (let i = 0; i < flags.length; i += 2) {
    const [flag, value] = [flags[i], flags[i + 1]];
    if (flag === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) < 65536) {
      options.port = Number(value);
    } else if (flag === '--host' && value !== undefined && value !== '') {
      options.host = value;
    } else {
      io.err(`serve: unexpected ${flag === undefined ? 'end of arguments' : `"${flag} ${value ?? ''}"`}\n${usage}`);
      return 2;
    }
  }
  if (file === undefined) {
    io.err(usage);
    return 2;
  }
  const spec = await readSpec(file, io);
  if (spec === undefined) return 1;
  const nowcast = createNowcast({ spec });
  let service;
  try {
    service = await startLogsService(nowcast, options);
  } catch (error) {
    io.err(`serve: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
    await nowcast.shutdown();
    return 1;
  }
  io.out(`nowcast-exporter: OTLP logs in at ${service.url}/v1/logs, metrics at ${service.url}/metrics`);
  await new Promise<void>((resolve) => {
    if (stop.aborted) resolve();
    stop.addEventListener('abort', () => resolve(), { once: true });
  });
  await service.close();
  await nowcast.shutdown();
  return 0;
}
