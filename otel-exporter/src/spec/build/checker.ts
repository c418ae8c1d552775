import type { z } from 'zod';
import type { PathIssue, SpecPath } from '../issues';
import { fromZodIssues } from '../zodIssues';

/** Collects every issue of one build, so the section builders report and carry on. */
export class Checker {
  readonly issues: PathIssue[] = [];
  declared: { events: ReadonlySet<string>; funnels: ReadonlySet<string> } = { events: new Set(), funnels: new Set() };
  /** Events with a property that failed validation: missing properties on them are not reported again. */
  readonly incompleteEvents = new Set<string>();

  add(path: SpecPath, message: string, atKey = false): void {
    this.issues.push({ path, message, atKey });
  }

  parse<Schema extends z.ZodType>(schema: Schema, value: unknown, path: SpecPath): z.output<Schema> | undefined {
    const result = schema.safeParse(value);
    if (result.success) {
      return result.data as z.output<Schema>;
    }
    this.issues.push(...fromZodIssues(result.error.issues, path, value));
    return undefined;
  }

  /** Checks a name against a pattern; reports at the key. */
  name(path: SpecPath, name: string, pattern: RegExp, what: string): boolean {
    if (pattern.test(name)) {
      return true;
    }
    this.add(path, `"${name}" is not a valid ${what}`, true);
    return false;
  }
}

/** A mapping's entries in document order. */
export function entries(record: Record<string, unknown>): [string, unknown][] {
  return Object.keys(record).map((key) => [key, record[key]]);
}

/** How a section names its entries: the pattern and how to describe a valid name. */
export interface EntryNaming {
  readonly section: string;
  readonly pattern: RegExp;
  readonly what: string;
}

/**
 * The entries of a named section (events, funnels, alerts) whose name and shape are valid, each
 * with its path; a bad name or shape is reported and the entry skipped, so the rest still builds.
 */
export function validEntries<Schema extends z.ZodType>(
  check: Checker,
  raw: Record<string, unknown>,
  naming: EntryNaming,
  schema: Schema
): [name: string, entry: z.output<Schema>, path: string[]][] {
  const valid: [string, z.output<Schema>, string[]][] = [];
  for (const [name, rawEntry] of entries(raw)) {
    const path = [naming.section, name];
    const nameOk = check.name(path, name, naming.pattern, naming.what);
    const entry = check.parse(schema, rawEntry, path);
    if (nameOk && entry !== undefined) valid.push([name, entry, path]);
  }
  return valid;
}
