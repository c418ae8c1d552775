import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary, tempDir } from '@nowcast/test-support';
import type { GeneratedFile } from '../generate/generate';

export interface VmalertCheck {
  readonly status: number | null;
  readonly output: string;
}

/**
 * `vmalert -dryRun` over the generated rule files: vmalert parses every group, rule and template as
 * it would before evaluating them. A missing vmalert fails with the line that installs it
 * (`searchPath` replaces PATH, so that failure can be shown too).
 */
export function vmalertDryRun(files: readonly GeneratedFile[], searchPath = process.env.PATH): VmalertCheck {
  const vmalert = requireBinary('vmalert', searchPath);
  const dir = tempDir('nowcast-vmalert');
  try {
    const rules = files
      .filter((f) => f.path.startsWith('prometheus/rules/'))
      .map((f) => {
        const path = join(dir.path, f.path.replace(/.*\//, ''));
        writeFileSync(path, f.content);
        return path;
      });
    const run = spawnSync(vmalert, ['-dryRun', ...rules.map((r) => `-rule=${r}`)], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    dir.remove();
  }
}
