/** @jest-environment node */
import { tempDir } from '@nowcast/test-support';
import AdmZip from 'adm-zip';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import semver from 'semver';
import { installCommand, packagePlugin } from './packagePlugin';

const packageDir = join(__dirname, '..');
const pluginId = 'nowcast-analytics-panel';
const read = (path: string) => readFileSync(join(packageDir, path), 'utf8');

/** Markdown image targets: `![alt](target)`. */
function imagesOf(markdown: string): string[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe('packagePlugin', () => {
  const out = tempDir('nowcast-package');
  afterAll(() => out.remove());
  let names: string[];
  let zip: AdmZip;

  beforeAll(() => {
    const { zipPath } = packagePlugin(join(packageDir, 'dist'), out.path);
    zip = new AdmZip(zipPath);
    names = zip.getEntries().map((entry) => entry.entryName);
  });

  it('zips dist/ into one folder named by the plugin id, with everything Grafana reads', () => {
    const pluginJson = JSON.parse(read('dist/plugin.json')) as {
      info: { version: string; screenshots: Array<{ path: string }>; logos: { small: string; large: string } };
    };
    expect(names.every((name) => name.startsWith(`${pluginId}/`))).toBe(true);
    const expected = ['module.js', 'plugin.json', 'README.md', 'LICENSE', 'CHANGELOG.md', pluginJson.info.logos.small];
    for (const file of [...expected, ...pluginJson.info.screenshots.map((shot) => shot.path)]) {
      expect(names).toContain(`${pluginId}/${file}`);
    }
  });

  it('ships a README whose images are all inside the zip', () => {
    const readme = zip.readAsText(`${pluginId}/README.md`);
    const images = imagesOf(readme);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(names).toContain(`${pluginId}/${posix.normalize(image)}`);
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

describe('installing', () => {
  it('prints a grafana cli command with a plain path (Grafana refuses file:// URLs)', () => {
    expect(installCommand('/tmp/nowcast-analytics-panel-0.1.0.zip')).toBe(
      `grafana cli --pluginUrl /tmp/nowcast-analytics-panel-0.1.0.zip plugins install ${pluginId}`
    );
  });

  it('documents install commands that work, private signing and the unsigned allow-list', () => {
    const readme = read('src/README.md');
    expect(readme).not.toContain('file://');
    expect(readme).toMatch(/grafana cli --pluginUrl \/\S+\.zip plugins install nowcast-analytics-panel/);
    expect(readme).toMatch(/grafana cli --pluginUrl https:\/\/\S+\.zip plugins install nowcast-analytics-panel/);
    expect(readme).toMatch(/npx @grafana\/sign-plugin@latest --rootUrls https:\/\//);
    expect(readme).toContain('GRAFANA_ACCESS_POLICY_TOKEN');
    expect(readme).toContain('allow_loading_unsigned_plugins = nowcast-analytics-panel');
  });

  it('ships and names every committed screenshot, and commits every one it names', () => {
    const pluginJson = JSON.parse(read('src/plugin.json')) as { info: { screenshots: Array<{ path: string }> } };
    const named = pluginJson.info.screenshots.map((shot) => shot.path).sort();
    const committed = readdirSync(join(packageDir, 'src', 'img', 'screenshots'))
      .map((file) => `img/screenshots/${file}`)
      .sort();
    expect(named).toEqual(committed);
    const shown = imagesOf(read('src/README.md'));
    expect(shown.every((image) => named.includes(image))).toBe(true);
  });

  it('finds every image the READMEs show, from where each README sits', () => {
    for (const readme of ['README.md', 'src/README.md']) {
      const images = imagesOf(read(readme));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect(existsSync(join(packageDir, dirname(readme), image))).toBe(true);
      }
    }
  });
});

/** A PNG's width and height, from its IHDR chunk (bytes 16–23). */
function pngSize(path: string): [width: number, height: number] {
  const header = readFileSync(path).subarray(0, 24);
  return [header.readUInt32BE(16), header.readUInt32BE(20)];
}

describe('screenshots (written by `npm run screenshots -w grafana-panel`)', () => {
  const dir = join(packageDir, 'src', 'img', 'screenshots');
  const files = readdirSync(dir);
  const views = ['funnel', 'funnel-vertical', 'funnel-breakdown', 'funnel-low-volume', 'live'];

  it('shows every view in both themes at 1400 × 900', () => {
    for (const view of views) {
      for (const theme of ['light', 'dark']) {
        expect([`${view}-${theme}`, pngSize(join(dir, `${view}-${theme}.png`))]).toEqual([
          `${view}-${theme}`,
          [1400, 900],
        ]);
      }
    }
  });

  it('shows every view in both themes at 340 × 230 on one sheet, and nothing else', () => {
    const [width, height] = pngSize(join(dir, 'small-sizes.png'));
    expect(width).toBeGreaterThanOrEqual(views.length * 340);
    expect(height).toBeGreaterThanOrEqual(2 * 230);
    expect(files.sort()).toEqual(
      [...views.flatMap((view) => [`${view}-dark.png`, `${view}-light.png`]), 'small-sizes.png'].sort()
    );
  });

  it('uses the light and the dark theme and the small sheet in the README', () => {
    const shown = imagesOf(read('src/README.md')).map((image) => posix.basename(image));
    expect(shown).toEqual(expect.arrayContaining(['small-sizes.png']));
    expect(shown.some((image) => image.endsWith('-dark.png'))).toBe(true);
    expect(shown.some((image) => image.endsWith('-light.png'))).toBe(true);
  });
});

describe('plugin.json and package.json', () => {
  const pluginJson = JSON.parse(read('src/plugin.json')) as {
    dependencies: { grafanaDependency: string };
    info: { logos: { small: string; large: string } };
  };

  it('claims only the Grafana versions whose packages the tests load', () => {
    const installed = (
      JSON.parse(readFileSync(require.resolve('@grafana/data/package.json'), 'utf8')) as { version: string }
    ).version;
    const claimed = pluginJson.dependencies.grafanaDependency;
    expect(semver.minVersion(claimed)?.version).toBe(installed);
    expect(semver.satisfies(semver.inc(installed, 'minor')!, claimed)).toBe(false);
  });

  it('depends on exactly the shared modules module.js imports', () => {
    const moduleJs = read('dist/module.js');
    const imported = JSON.parse(/define\((\[[^\]]*\])/.exec(moduleJs)![1]!) as string[];
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    // `module` is the AMD loader's own module, not a package.
    expect(Object.keys(dependencies).sort()).toEqual(imported.filter((name) => name !== 'module').sort());
  });

  it('has a logo of its own, not the plugin scaffold’s', () => {
    const scaffoldLogo = '1defc6f7e585c67657bcfd8fddc599ee7dfa82f8674413f49fa274c2cd453ec6';
    for (const logo of new Set([pluginJson.info.logos.small, pluginJson.info.logos.large])) {
      const svg = read(join('src', logo));
      expect(createHash('sha256').update(svg).digest('hex')).not.toBe(scaffoldLogo);
      expect(svg).toMatch(/<title[^>]*>Nowcast<\/title>/);
    }
  });

  it('has a changelog entry for the version it builds', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(read('CHANGELOG.md')).toMatch(
      new RegExp(`^## ${version.replace(/\./g, '\\.')} \\(\\d{4}-\\d{2}-\\d{2}\\)$`, 'm')
    );
  });
});
