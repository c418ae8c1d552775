import { execFile } from 'node:child_process';

/**
 * Runs a TypeScript file of this repository in a fresh Node process, compiled on the fly by the
 * swc already used by jest. For code that cannot run inside jest's sandbox (the OTLP exporter
 * loads `http` with a dynamic import, which jest's vm refuses without experimental flags).
 */
export function runTypeScript(file: string, env: Record<string, string>): Promise<string> {
  const hook = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    require(${JSON.stringify(file)});
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', hook],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      }
    );
  });
}
