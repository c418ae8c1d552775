import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { requireBinary } from './binaries';
import { tempDir } from './process';

export interface VmalertCheck {
  readonly status: number | null;
  readonly output: string;
}

/**
 * `vmalert -dryRun` over rule files (their names and contents): vmalert parses every group, rule and
 * template as it would before evaluating them. A missing vmalert fails with the line that installs
 * it (`searchPath` replaces PATH, so that failure can be shown too).
 */
export function vmalertDryRun(
  ruleFiles: readonly { readonly path: string; readonly content: string }[],
  searchPath?: string
): VmalertCheck {
  const vmalert = requireBinary('vmalert', searchPath);
  const dir = tempDir('nowcast-vmalert');
  try {
    const rules = ruleFiles.map((f) => {
      const path = join(dir.path, basename(f.path));
      writeFileSync(path, f.content);
      return `-rule=${path}`;
    });
    const run = spawnSync(vmalert, ['-dryRun', ...rules], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    dir.remove();
  }
}
