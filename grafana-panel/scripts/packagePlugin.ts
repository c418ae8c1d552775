/**
 * Zips the built plugin as Grafana installs it: `<id>-<version>.zip` holding one folder named
 * by the plugin id (what `grafana cli --pluginUrl` and the plugins directory expect).
 */
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginId } from '../host/pluginJson';

/**
 * The command that installs the zip: `grafana cli --pluginUrl` opens the value as a file when a
 * file has that path, and downloads it over HTTP otherwise, so a plain path or an http(s) URL
 * works and a `file://` URL does not.
 */
export function installCommand(zipPathOrUrl: string): string {
  return `grafana cli --pluginUrl ${zipPathOrUrl} plugins install ${pluginId}`;
}

export interface PackageResult {
  readonly zipPath: string;
  readonly entries: string[];
}

export function packagePlugin(distDir: string, outputDir: string): PackageResult {
  const pluginJsonPath = join(distDir, 'plugin.json');
  if (!existsSync(join(distDir, 'module.js')) || !existsSync(pluginJsonPath)) {
    throw new Error(
      `${distDir} has no built plugin (module.js, plugin.json): run \`npm run build -w grafana-panel\` first.`
    );
  }
  const pluginJson = JSON.parse(readFileSync(pluginJsonPath, 'utf8')) as { id: string; info: { version: string } };
  if (pluginJson.info.version.includes('%')) {
    throw new Error(
      `${pluginJsonPath} still has the placeholder version "${pluginJson.info.version}": build in production mode.`
    );
  }
  const zip = new AdmZip();
  zip.addLocalFolder(distDir, pluginJson.id);
  mkdirSync(outputDir, { recursive: true });
  const zipPath = join(outputDir, `${pluginJson.id}-${pluginJson.info.version}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, entries: zip.getEntries().map((entry) => entry.entryName) };
}
