import { processIo, runCommand, type CliIo } from './io';
import { readSpec } from './readSpec';
import { serve } from './serve';
import { specSummary } from './summary';

const usage = `Usage: nowcast-exporter <command>

Commands:
  validate <spec.yaml>   check an analytics spec; prints a summary, or every error with its line
  serve <spec.yaml> [options]
                         the standalone service: OTLP logs in over HTTP (protobuf or JSON) at
                         POST /v1/logs and over gRPC (port 4317), Segment calls at POST /v1/batch,
                         /v1/track, /v1/identify, /v1/page; Prometheus metrics out at GET /metrics.
                         SIGTERM drains it; \`nowcast-exporter serve --help\` lists the options
  help                   show this text`;

/** Stops long-running commands (serve) when aborted; defaults to SIGINT/SIGTERM. */
function processStop(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo, stop?: AbortSignal): Promise<number> {
  return runCommand(args, io, usage, {
    validate,
    serve: (rest, commandIo) => serve(rest, commandIo, stop ?? processStop()),
  });
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0) {
    io.err('Usage: nowcast-exporter validate <spec.yaml>');
    return 2;
  }
  const spec = await readSpec(file, io);
  if (spec === undefined) return 1;
  io.out(specSummary(file, spec));
  return 0;
}
