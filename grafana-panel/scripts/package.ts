/** `npm run package -w grafana-panel`: build (by the npm script), then zip into artifacts/. */
import { join } from 'node:path';
import { packagePlugin } from './packagePlugin';

const root = join(__dirname, '..');
try {
  const { zipPath, entries } = packagePlugin(join(root, 'dist'), join(root, 'artifacts'));
  process.stdout.write(
    `${zipPath} (${entries.length} entries)\nInstall: grafana cli --pluginUrl file://${zipPath} plugins install nowcast-analytics-panel\n`
  );
} catch (error) {
  process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
