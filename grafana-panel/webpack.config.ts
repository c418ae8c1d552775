/**
 * The scaffold's webpack config (`.config/`, not edited) extended as create-plugin documents:
 * the metric contract is bundled from its TypeScript source, so tree shaking keeps only what the
 * panel uses of it.
 */
import path from 'path';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

// Paths from the working directory (the package's, under npm scripts), as the scaffold resolves
// its own: `__filename` does not exist where Node loads this file as an ES module (Node 24).
const configFile = path.resolve(process.cwd(), 'webpack.config.ts');
const contractDir = path.resolve(process.cwd(), '..', 'otel-exporter', 'src', 'contract');

const config = async (env: Env): Promise<Configuration> =>
  merge(await grafanaConfig(env), {
    // A change here must invalidate the filesystem cache, as a change to the scaffold's config does.
    cache: { type: 'filesystem', buildDependencies: { config: [configFile] } },
    resolve: {
      // The package's export is its CommonJS build, which webpack cannot shake; its source is ESM.
      alias: { '@nowcast/otel-exporter/contract$': path.join(contractDir, 'index.ts') },
    },
    module: {
      // The contract's modules only declare (no top-level effects), so webpack may drop unused ones whole.
      rules: [{ include: contractDir, sideEffects: false }],
    },
  });

export default config;
