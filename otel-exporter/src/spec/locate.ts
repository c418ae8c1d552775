import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Document } from 'yaml';
import type { SpecPath } from './issues';

/**
 * Finds the line of a path in a parsed YAML document. When the path goes further than the
 * document (a missing field), the deepest existing node is used, so the user lands next to it.
 */
export function lineOf(doc: Document, lineCounter: LineCounter, path: SpecPath, atKey = false): number {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) {
      keyNode = undefined;
      break;
    }
    node = next.value ?? next.key;
    keyNode = next.key;
  }
  const target = atKey && keyNode !== undefined ? keyNode : (node as Node | null);
  const offset = target?.range?.[0];
  return offset === undefined ? 1 : lineCounter.linePos(offset).line;
}

function child(node: unknown, segment: string | number): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && scalarKey(pair.key) === String(segment)) {
        return { key: pair.key as Node, value: (pair.value as Node | null) ?? undefined };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { value: item as Node };
  }
  return undefined;
}

function scalarKey(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}
