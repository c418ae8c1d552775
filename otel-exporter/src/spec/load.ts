import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { buildSpec } from './build';
import { formatPath, SpecError, type PathIssue, type SpecIssue } from './issues';
import { lineOf } from './locate';
import type { AnalyticsSpec } from './model';

export type SpecResult =
  { readonly ok: true; readonly spec: AnalyticsSpec } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** Parses and validates analytics.yaml text; every problem is returned at once, each at its line. */
export function parseSpec(text: string, file = 'analytics.yaml'): SpecResult {
  const lineCounter = new LineCounter();
  // Duplicate keys are reported by us, with the path and the first occurrence's line.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const yamlIssues: SpecIssue[] = doc.errors.map((error) => ({
    file,
    line: lineCounter.linePos(error.pos[0]).line,
    path: '',
    message: `YAML syntax: ${error.message.split('\n')[0] ?? error.message}`,
  }));
  if (yamlIssues.length > 0) {
    return { ok: false, issues: yamlIssues };
  }
  const place = (issue: PathIssue): SpecIssue => ({
    file,
    line: lineOf(doc, lineCounter, issue.path, issue.atKey),
    path: formatPath(issue.path),
    message: issue.message,
  });
  const duplicates = duplicateKeys(doc, lineCounter, file);
  let raw: unknown;
  try {
    // A small alias budget stops "billion laughs" documents from exhausting memory.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, issues: [{ file, line: 1, path: '', message: `YAML: ${(error as Error).message}` }] };
  }
  const result = buildSpec(raw ?? undefined);
  const issues = [...duplicates, ...result.issues.map(place)].sort((a, b) => a.line - b.line);
  if (issues.length > 0 || result.spec === undefined) {
    return { ok: false, issues };
  }
  return { ok: true, spec: result.spec };
}

/** Validates a spec given as a JavaScript object (no lines to report). */
export function specFromObject(raw: unknown, source = 'spec'): SpecResult {
  const result = buildSpec(raw);
  if (result.spec !== undefined) {
    return { ok: true, spec: result.spec };
  }
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      file: source,
      line: 0,
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}

/** Reads and validates a spec file; throws SpecError listing every problem. */
export async function loadSpec(file: string): Promise<AnalyticsSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new SpecError([{ file, line: 0, path: '', message: `cannot read the spec: ${reason}` }]);
  }
  const result = parseSpec(text, file);
  if (!result.ok) {
    throw new SpecError(result.issues);
  }
  return result.spec;
}

/** Every repeated key in every mapping, reported at the repeat with the first one's line. */
function duplicateKeys(doc: Document, lineCounter: LineCounter, file: string): SpecIssue[] {
  const found: SpecIssue[] = [];
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      const firstLines = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const line = lineAt(pair.key.range?.[0]);
        const first = firstLines.get(key);
        if (first === undefined) {
          firstLines.set(key, line);
        } else {
          found.push({
            file,
            line,
            path: formatPath([...path, key]),
            message: `"${key}" is declared twice (first at line ${first}); names must be unique`,
          });
        }
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(doc.contents, []);
  return found;
}
