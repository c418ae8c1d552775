import { readFile } from 'node:fs/promises';
import { formatIssue } from '../spec/issues';
import { parseSpec } from '../spec/load';
import type { AnalyticsSpec } from '../spec/model';
import type { CliIo } from './io';

/** Reads and validates a spec file, printing every problem; undefined when it is not usable. */
export async function readSpec(file: string, io: CliIo): Promise<AnalyticsSpec | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read the spec: ${(error as Error).message}`);
    return undefined;
  }
  const result = parseSpec(text, file);
  if (!result.ok) {
    result.issues.forEach((issue) => io.err(formatIssue(issue)));
    io.err(`${file}: ${result.issues.length} error${result.issues.length === 1 ? '' : 's'}`);
    return undefined;
  }
  return result.spec;
}
