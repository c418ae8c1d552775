import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The real programs the tests drive, with the line that installs each on Debian. */
export const binaries = {
  prometheus: { names: ['prometheus'], install: 'apt-get install -y prometheus' },
  promtool: { names: ['promtool'], install: 'apt-get install -y prometheus' },
  alertmanager: {
    names: ['prometheus-alertmanager', 'alertmanager'],
    install: 'apt-get install -y prometheus-alertmanager',
  },
  amtool: { names: ['amtool'], install: 'apt-get install -y prometheus-alertmanager' },
  chromium: { names: ['chromium', 'chromium-browser'], install: 'apt-get install -y chromium' },
  // Debian ships VictoriaMetrics, vmagent and vmalert in one package.
  victoriaMetrics: { names: ['victoria-metrics'], install: 'apt-get install -y victoria-metrics' },
  vmalert: { names: ['vmalert'], install: 'apt-get install -y victoria-metrics' },
} as const;

export type BinaryName = keyof typeof binaries;

/**
 * The absolute path of a required program. A missing program fails the test with the install
 * line: tests never pass, or skip, because their dependency is absent.
 */
export function requireBinary(name: BinaryName, searchPath?: string): string {
  const { names, install } = binaries[name];
  // A given search path is the only place looked in (a test can show the failure itself).
  const pathDirs = (searchPath ?? process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  const dirs = searchPath === undefined ? [...pathDirs, '/usr/bin', '/usr/local/bin'] : pathDirs;
  for (const candidate of names) {
    for (const dir of dirs) {
      const path = join(dir, candidate);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not in this directory
      }
    }
  }
  throw new Error(`${names[0]} is required by this test but was not found on PATH; install it with: ${install}`);
}

export interface BinaryRun {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout then stderr, for assertions on what the tool said. */
  readonly output: string;
}

/** Runs a required program to completion (promtool, amtool); fails like requireBinary when it is missing. */
export function runBinary(
  name: BinaryName,
  args: readonly string[],
  options: { readonly input?: string; readonly cwd?: string } = {}
): BinaryRun {
  const run = spawnSync(requireBinary(name), args, {
    encoding: 'utf8',
    input: options.input,
    cwd: options.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, output: `${run.stdout}${run.stderr}` };
}
