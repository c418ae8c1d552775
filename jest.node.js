// Shared jest settings for the Node TypeScript workspaces: swc transpiles (tsc -b type-checks),
// and @nowcast/* imports resolve to sources so tests never depend on a stale build.
const path = require('path');

const root = __dirname;

/** @param {string} dir the workspace folder @param {string[]} roots folders holding its tests */
function nodeProject(dir, roots = ['<rootDir>/src']) {
  return {
    displayName: path.basename(dir),
    rootDir: dir,
    roots,
    testEnvironment: 'node',
    testMatch: ['**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    moduleNameMapper: {
      '^@nowcast/otel-exporter$': path.join(root, 'otel-exporter/src/index.ts'),
      '^@nowcast/otel-exporter/(.*)$': path.join(root, 'otel-exporter/src/$1'),
      '^@nowcast/test-support$': path.join(root, 'tests/support/src/index.ts'),
      '^@nowcast/rules$': path.join(root, 'rules/src/index.ts'),
      '^@nowcast/rules/(.*)$': path.join(root, 'rules/src/$1'),
    },
  };
}

module.exports = { nodeProject };
