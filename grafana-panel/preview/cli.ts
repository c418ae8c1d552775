/**
 * `npm run preview -w grafana-panel -- --prometheus http://127.0.0.1:9090 [--port 3030]
 * [--host 127.0.0.1] [--funnel checkout] [--range 15m] [--namespace product] [--theme dark]`
 */
import { parseArgs } from 'node:util';
import { startPreview } from './previewServer';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      prometheus: { type: 'string', default: process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090' },
      port: { type: 'string', default: '3030' },
      host: { type: 'string', default: '127.0.0.1' },
      funnel: { type: 'string', default: 'checkout' },
      range: { type: 'string', default: '15m' },
      namespace: { type: 'string', default: 'product' },
      scope: { type: 'string', default: '' },
      window: { type: 'string', default: '' },
      theme: { type: 'string', default: 'dark' },
      refresh: { type: 'string', default: '5' },
    },
  });
  const theme = values.theme === 'light' ? 'light' : 'dark';
  const preview = await startPreview({
    prometheusUrl: values.prometheus,
    port: Number(values.port),
    host: values.host,
    funnel: values.funnel,
    range: values.range,
    namespace: values.namespace,
    scope: values.scope,
    window: values.window,
    theme,
    refreshSeconds: Number(values.refresh),
  });
  process.stdout.write(`Nowcast panel preview on ${preview.url} (data from ${values.prometheus}); Ctrl-C stops it.\n`);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`preview: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
