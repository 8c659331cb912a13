// Maps a key path (`['contracts', 3, 'validUntil']`) back to a line and column in the parsed YAML
// document. A path that does not exist (a missing key) resolves to the nearest existing parent.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { ConfigPosition } from './config-error.js';

export type Locator = (path: readonly PropertyKey[], target?: 'value' | 'key') => ConfigPosition;

const START: ConfigPosition = { line: 1, column: 1 };

export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
  const position = (node: Node | null | undefined): ConfigPosition | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return (path, target = 'value') => {
    let node = doc.contents as Node | null;
    let found = position(node) ?? START;
    for (const [index, segment] of path.entries()) {
      if (isAlias(node)) node = node.resolve(doc) ?? null;
      let next: Node | null | undefined;
      let keyNode: Node | null | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) ? String(p.key.value) === String(segment) : false);
        keyNode = pair?.key as Node | undefined;
        // `key:` with no value has a null value node: point at the key.
        next = pair === undefined ? undefined : (pair.value as Node | null) ?? keyNode;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment] as Node | undefined;
      }
      if (next === undefined || next === null) return found;
      const last = index === path.length - 1;
      found = (last && target === 'key' ? position(keyNode) : undefined) ?? position(next) ?? found;
      node = next;
    }
    return found;
  };
}
