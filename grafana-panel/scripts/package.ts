/** `npm run package -w grafana-panel`: build (by the npm script), then zip into artifacts/. */
import { join } from 'node:path';
import { installCommand, packagePlugin } from './packagePlugin';

const root = join(__dirname, '..');
try {
  const { zipPath, entries } = packagePlugin(join(root, 'dist'), join(root, 'artifacts'));
  process.stdout.write(`${zipPath} (${entries.length} entries)\nInstall: ${installCommand(zipPath)}\n`);
} catch (error) {
  process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
