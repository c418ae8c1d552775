/**
 * Bundles the host page's JavaScript once: the shared externals from the real packages
 * (React, @grafana/data|ui|runtime, @emotion/css, rxjs, lodash…) plus the small host in
 * `client/`. The bundle is cached by a hash of its inputs, so tests and the preview pay the
 * (minute-long) build only when a source or an installed version changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webpack from 'webpack';

const hostDir = __dirname;
const packageDir = resolve(hostDir, '..');
const cacheDir = join(packageDir, 'node_modules', '.cache', 'nowcast-host');
const versionedPackages = [
  'react',
  'react-dom',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  '@emotion/css',
  'rxjs',
  'lodash',
];

function inputHash(): string {
  const hash = createHash('sha256');
  // The page's own code: the host client and the Grafana steps it runs.
  for (const dir of ['client', 'grafana']) {
    for (const file of readdirSync(join(hostDir, dir)).sort()) {
      hash.update(file).update(readFileSync(join(hostDir, dir, file)));
    }
  }
  hash.update(readFileSync(__filename));
  for (const name of versionedPackages) {
    const manifest = require.resolve(`${name}/package.json`, { paths: [packageDir] });
    hash.update(name).update((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version);
  }
  return hash.digest('hex').slice(0, 16);
}

function compile(outputDir: string, fileName: string): Promise<void> {
  const compiler = webpack({
    mode: 'production',
    context: hostDir,
    entry: join(hostDir, 'client', 'index.tsx'),
    output: { path: outputDir, filename: fileName },
    devtool: false,
    // Minifying @grafana/ui takes minutes and buys nothing for a local test page.
    optimization: { minimize: false },
    performance: { hints: false },
    resolve: {
      extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, util: false },
    },
    module: {
      rules: [
        { test: /\.mjs$/, resolve: { fullySpecified: false } },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                target: 'es2020',
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(svg|png|woff2?|ttf|eot)$/, type: 'asset/inline' },
      ],
    },
    plugins: [new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify('production') })],
  });
  return new Promise((done, fail) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) {
        fail(error);
      } else if (stats?.hasErrors()) {
        fail(new Error(`Building the host bundle failed:\n${stats.toString({ all: false, errors: true })}`));
      } else {
        done();
      }
    });
  });
}

/** Returns the path of the host bundle, building it first when the cached one is stale or missing. */
export async function ensureHostBundle(): Promise<string> {
  const fileName = `host.${inputHash()}.js`;
  const bundle = join(cacheDir, fileName);
  if (existsSync(bundle)) {
    return bundle;
  }
  mkdirSync(cacheDir, { recursive: true });
  const staging = join(cacheDir, `staging-${process.pid}`);
  await compile(staging, fileName);
  // Renaming makes the cached file appear whole, even when two test workers build at once.
  renameSync(join(staging, fileName), bundle);
  rmSync(staging, { recursive: true, force: true });
  return bundle;
}
