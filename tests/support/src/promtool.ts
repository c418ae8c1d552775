import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runBinary, type BinaryRun } from './binaries';
import { tempDir } from './process';

/**
 * Runs `promtool test rules` on a unit-test document, with the rule files it names written beside
 * it (by file name). NOWCAST_KEEP_PROMTOOL=1 keeps the folder so a failing suite can be rerun by hand.
 */
export function runPromtoolTests(suite: unknown, ruleFiles: Readonly<Record<string, string>> = {}): BinaryRun {
  const dir = tempDir('nowcast-promtool');
  try {
    for (const [name, content] of Object.entries(ruleFiles)) {
      writeFileSync(join(dir.path, name), content);
    }
    const suiteFile = join(dir.path, 'suite.yml');
    writeFileSync(suiteFile, stringify(suite, { lineWidth: 0 }));
    return runBinary('promtool', ['test', 'rules', suiteFile]);
  } finally {
    if (process.env.NOWCAST_KEEP_PROMTOOL === '1') {
      process.stderr.write(`promtool suite kept in ${dir.path}\n`);
    } else {
      dir.remove();
    }
  }
}
