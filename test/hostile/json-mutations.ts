// fast-check arbitraries for hostile JSON: arbitrary values, and valid documents with one place
// replaced by an arbitrary value or removed, which reach deeper into a schema than random JSON does.
import fc from 'fast-check';

type Json = unknown;
type Path = readonly (string | number)[];

/** Every path to a value inside `value`, the root (`[]`) included. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here: Path[] = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((item, i) => pathsOf(item, [...prefix, i])));
  if (typeof value === 'object' && value !== null) {
    return here.concat(...Object.entries(value).map(([key, item]) => pathsOf(item, [...prefix, key])));
  }
  return here;
}

/** A deep copy of `value` with the value at `path` replaced, or removed when `replacement` is `REMOVE`. */
export const REMOVE = Symbol('remove');
export function setAt(value: Json, path: Path, replacement: Json | typeof REMOVE): Json {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path;
  const copy: Record<string | number, Json> | Json[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) };
  const target = copy as Record<string | number, Json>;
  if (rest.length === 0 && replacement === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete target[head!];
  } else {
    target[head!] = setAt(target[head!], rest, replacement);
  }
  return copy;
}

/** Scalars and shapes that often slip past a schema written with friendlier input in mind. */
const tricky = fc.constantFrom<Json>(
  '', ' ', '0', '-1', '1e21', '00123', 'NaN', 'null', '2026-13-45T99:99:99Z', '\u0000', '\uD800', 'x'.repeat(10_000),
  0, -0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, -1e308, true, false, null, [], {}, [null], { value: {} },
  { __proto__: null }, JSON.parse('{"__proto__":{"polluted":true}}'), JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
);

export const anyJson: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue({ maxDepth: 4 }), tricky);

/** `documents` with one place changed: replaced by hostile JSON, or removed. */
export function mutated(documents: readonly Json[]): fc.Arbitrary<Json> {
  return fc
    .constantFrom(...documents)
    .chain((doc) => {
      const paths = pathsOf(doc);
      return fc.tuple(fc.constant(doc), fc.constantFrom(...paths), fc.oneof(anyJson, fc.constant<typeof REMOVE>(REMOVE)));
    })
    .map(([doc, path, replacement]) => setAt(doc, path, replacement));
}

/** Header maps as node:http gives them, plus the shapes a caller could hand in by mistake. */
export const anyHeaders = fc.dictionary(
  fc.oneof(fc.constantFrom('x-zendesk-webhook-invocation-id', 'x-zendesk-account-id', 'x-atlassian-webhook-identifier', 'x-atlassian-webhook-retry', '__proto__'), fc.string({ maxLength: 10 })),
  fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.constant(undefined)),
  { maxKeys: 5 },
);
