/** What the Nowcast command-line tools share (`@nowcast/otel-exporter/cli`). */
export { processIo, type CliIo } from './io';
