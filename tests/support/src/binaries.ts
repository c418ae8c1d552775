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
} as const;

export type BinaryName = keyof typeof binaries;

/**
 * The absolute path of a required program. A missing program fails the test with the install
 * line: tests never pass, or skip, because their dependency is absent.
 */
export function requireBinary(name: BinaryName): string {
  const { names, install } = binaries[name];
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const candidate of names) {
    for (const dir of [...dirs, '/usr/bin', '/usr/local/bin']) {
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
