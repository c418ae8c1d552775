import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@nowcast/test-support';
import { repoRoot, shopSpecFile } from '../testing/fixtures';
import { main } from './main';

const root = repoRoot;
const shopSpec = shopSpecFile;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('nowcast-rules CLI', () => {
  it('generates the rule files and the Alertmanager config into --out', async () => {
    const dir = tempDir('nowcast-cli');
    try {
      const { io, out } = capture();
      const args = ['--webhook-url=http://127.0.0.1:1/hook', '--prometheus-url', 'http://prometheus:9090'];
      expect(await main(['generate', shopSpec, '--out', dir.path, ...args], io)).toBe(0);
      expect(out.filter((line) => line.startsWith('wrote '))).toHaveLength(8);
      // Then what each alert costs and needs, and the retention the rules need.
      expect(out).toContainEqual(
        expect.stringMatching(/^checkout_conversion_anomaly: needs \S+ of history; \d+ recorded series/)
      );
      expect(out.at(-1)).toMatch(/^retention: the rules read 3w\S* back; Prometheus keeps 2w1d by default/);
      expect(readFileSync(join(dir.path, 'grafana/datasources/nowcast.yml'), 'utf8')).toContain(
        'url: http://prometheus:9090'
      );
      expect(readFileSync(join(dir.path, 'alertmanager/alertmanager.yml'), 'utf8')).toContain(
        'url: http://127.0.0.1:1/hook'
      );
      expect(existsSync(join(dir.path, 'prometheus/rules/product-alerts.yml'))).toBe(true);
    } finally {
      dir.remove();
    }
  });

  it('--ruler vmalert writes alerting rules without keep_firing_for (vmalert 1.79 refuses it)', async () => {
    const dir = tempDir('nowcast-cli');
    try {
      const alerts = async (ruler: string[]) => {
        expect(await main(['generate', shopSpec, '--out', dir.path, ...ruler], capture().io)).toBe(0);
        return readFileSync(join(dir.path, 'prometheus/rules/product-alerts.yml'), 'utf8');
      };
      expect(await alerts([])).toContain('keep_firing_for:');
      expect(await alerts(['--ruler', 'prometheus'])).toContain('keep_firing_for:');
      const vmalert = await alerts(['--ruler=vmalert']);
      expect(vmalert).not.toContain('keep_firing_for');
      expect(vmalert).toContain('alert: checkout_conversion_low');
    } finally {
      dir.remove();
    }
  });

  it('--check passes on the committed provisioning and fails, naming the file, on a stale one', async () => {
    const ok = capture();
    expect(await main(['generate', shopSpec, '--out', join(root, 'provisioning'), '--check'], ok.io)).toBe(0);
    const dir = tempDir('nowcast-cli');
    try {
      await main(['generate', shopSpec, '--out', dir.path], capture().io);
      writeFileSync(join(dir.path, 'prometheus/rules/product-alerts.yml'), 'groups: []\n');
      const stale = capture();
      expect(await main(['generate', shopSpec, '--out', dir.path, '--check'], stale.io)).toBe(1);
      expect(stale.err[0]).toBe(
        `${join(dir.path, 'prometheus/rules/product-alerts.yml')}: differs from what ${shopSpec} generates`
      );
    } finally {
      dir.remove();
    }
  });

  it.each(['generate', 'validate'])(
    '%s reports every problem of a bad spec with its line, exits 1 and writes nothing',
    async (command) => {
      const dir = tempDir('nowcast-cli');
      try {
        const spec = join(dir.path, 'analytics.yaml');
        writeFileSync(spec, 'events:\n  paid: {}\nalerts:\n  x:\n    kind: spike\n    target: { event: payd }\n');
        const { io, err } = capture();
        const out = join(dir.path, 'out');
        expect(await main(command === 'generate' ? [command, spec, '--out', out] : [command, spec], io)).toBe(1);
        expect(err[0]).toBe(`${spec}:6: alerts.x.target.event: unknown event "payd" (did you mean "paid"?)`);
        expect(err.at(-1)).toContain('nothing was written');
        expect(existsSync(out)).toBe(false);
      } finally {
        dir.remove();
      }
    }
  );

  it.each([
    [['generate', shopSpec], '--out <dir> is required'],
    [['generate', '--out', '/tmp/x'], 'give exactly one spec file'],
    [['generate', shopSpec, '--out', '/tmp/x', '--email-from', 'a@b'], 'e-mail needs all of'],
    [['generate', shopSpec, '--out', '/tmp/x', '--colour'], 'unknown option "--colour"'],
    [['generate', shopSpec, '--out', '/tmp/x', '--ruler', 'thanos'], '--ruler must be one of: prometheus, vmalert'],
  ])('rejects %j with a usage error', async (args, message) => {
    const { io, err } = capture();
    expect(await main(args, io)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });

  it('validate checks the spec and prints per alert the history, series and samples read, and the retention', async () => {
    const { io, out, err } = capture();
    expect(await main(['validate', shopSpec], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(new RegExp(`^${shopSpec}: valid; \\d+ alerts$`));
    const alertLines = out.filter((line) =>
      / of history; \d+ recorded series and [\d,]+ samples read per minute/.test(line)
    );
    expect(alertLines.length).toBe(Number(/(\d+) alerts/.exec(out[0] ?? '')?.[1]));
    expect(out.at(-1)).toMatch(/^retention: the rules read \S+ back/);
    // The README shows this output for the shop: its lines must be what the command prints.
    const readme = readFileSync(join(root, 'rules/README.md'), 'utf8');
    const shown = /## Cost, history and retention[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const shownLines = shown.split('\n').filter((line) => line !== '');
    expect(shownLines.length).toBeGreaterThan(0);
    // A line the README shortens ends with " …".
    for (const line of shownLines)
      expect(out.filter((printed) => printed.startsWith(line.replace(/ …$/, '')))).toHaveLength(1);
  });

  it.each([
    [['validate'], 'give exactly one spec file'],
    [['validate', shopSpec, '--out', '/tmp/x'], 'unknown option "--out"'],
    [['validate', shopSpec, '--ruler', 'thanos'], '--ruler must be one of: prometheus, vmalert'],
  ])('validate rejects %j with a usage error', async (args, message) => {
    const { io, err } = capture();
    expect(await main(args, io)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });

  it('says when the spec file cannot be read', async () => {
    const { io, err } = capture();
    expect(await main(['generate', '/nonexistent/analytics.yaml', '--out', '/tmp/x'], io)).toBe(1);
    expect(err).toEqual(['/nonexistent/analytics.yaml: cannot read the spec; check the path']);
  });
});
