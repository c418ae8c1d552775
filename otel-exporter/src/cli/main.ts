import { formatIssue } from '../spec/issues';
import { parseSpec } from '../spec/load';
import { readFile } from 'node:fs/promises';
import { specSummary } from './summary';

const usage = `Usage: nowcast-exporter <command>

Commands:
  validate <spec.yaml>   check an analytics spec; prints a summary, or every error with its line
  help                   show this text`;

/** Output sinks, injectable so the CLI can be tested without a subprocess. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI; resolves to the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'validate':
      return validate(rest, io);
    case 'help':
    case '--help':
    case '-h':
      io.out(usage);
      return 0;
    default:
      io.err(command === undefined ? usage : `unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0) {
    io.err('Usage: nowcast-exporter validate <spec.yaml>');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read the spec: ${(error as Error).message}`);
    return 1;
  }
  const result = parseSpec(text, file);
  if (!result.ok) {
    result.issues.forEach((issue) => io.err(formatIssue(issue)));
    io.err(`${file}: ${result.issues.length} error${result.issues.length === 1 ? '' : 's'}`);
    return 1;
  }
  io.out(specSummary(file, result.spec));
  return 0;
}
