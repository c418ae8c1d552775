/** What the Nowcast command-line tools share (`@nowcast/otel-exporter/cli`). */
export { processIo, runCommand, type CliIo, type Command } from './io';
