/** @jest-environment node */
import { tempDir } from '@nowcast/test-support';
import AdmZip from 'adm-zip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePlugin } from './packagePlugin';

describe('packagePlugin', () => {
  it('zips dist/ into one folder named by the plugin id, with everything Grafana reads', () => {
    const out = tempDir('nowcast-package');
    try {
      const { zipPath } = packagePlugin(join(__dirname, '..', 'dist'), out.path);
      const pluginJson = JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'plugin.json'), 'utf8')) as {
        info: { version: string; screenshots: Array<{ path: string }>; logos: { small: string } };
      };
      expect(zipPath).toBe(join(out.path, `nowcast-analytics-panel-${pluginJson.info.version}.zip`));
      const names = new AdmZip(zipPath).getEntries().map((entry) => entry.entryName);
      expect(names.every((name) => name.startsWith('nowcast-analytics-panel/'))).toBe(true);
      const expected = [
        'module.js',
        'plugin.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        pluginJson.info.logos.small,
      ];
      for (const file of [...expected, ...pluginJson.info.screenshots.map((shot) => shot.path)]) {
        expect(names).toContain(`nowcast-analytics-panel/${file}`);
      }
    } finally {
      out.remove();
    }
  });

  it('refuses a folder without a build', () => {
    const empty = tempDir('nowcast-package-empty');
    try {
      expect(() => packagePlugin(empty.path, empty.path)).toThrow(/run `npm run build -w grafana-panel` first/);
    } finally {
      empty.remove();
    }
  });
});
