// The `estimator` of a version 2 model file, checked and decoded for the engine: version, hash bits,
// and per product and kind a group whose hours and features decode to the number of requests it
// claims. Each problem names the group by its place and its product and kind.
import type { EstimatorGroup, HourEstimator, RequestKind } from '../../rules/index.js';
import { REQUEST_KINDS } from '../../rules/classify-kind.js';
import { CORRECTION_RANGE, decodeGroup, type EstimatorGroupFile } from '../learn/estimator-codec.js';
import { describeValue } from './describe-value.js';

type Report = (path: string, message: string, where?: { line: number; column: number }) => void;

/** A file with many damaged groups needs one pass of fixing, not a line per group. */
const MAX_GROUP_ISSUES = 5;
const GROUP_KEYS = ['product', 'kind', 'requests', 'hours', 'features', 'correction'];

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The line of the n-th group: the files inscope learn writes put one group per line. */
function groupLine(text: string, n: number): { line: number; column: number } {
  const start = text.indexOf('"groups": [');
  if (start < 0) return { line: 1, column: 1 };
  const lines = text.slice(0, start).split('\n').length;
  return { line: lines + 1 + n, column: 7 };
}

function groupProblem(g: Record<string, unknown>): string | null {
  for (const key of Object.keys(g)) if (!GROUP_KEYS.includes(key)) return `unknown key "${key}": expected ${GROUP_KEYS.join(', ')}`;
  if (typeof g['product'] !== 'string') return `product: expected a product id ('' for none), got ${describeValue(g['product'])}`;
  if (!REQUEST_KINDS.includes(g['kind'] as RequestKind)) return `kind: expected one of ${REQUEST_KINDS.join(', ')}, got ${describeValue(g['kind'])}`;
  const requests = g['requests'];
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 0) return `requests: expected a whole number, got ${describeValue(requests)}`;
  if (typeof g['hours'] !== 'string' || typeof g['features'] !== 'string') return 'hours and features: expected the base64 texts inscope learn wrote';
  const correction = g['correction'];
  if (correction !== undefined && (typeof correction !== 'number' || !(correction >= CORRECTION_RANGE[0] && correction <= CORRECTION_RANGE[1]))) {
    return `correction: expected a factor from ${CORRECTION_RANGE[0]} to ${CORRECTION_RANGE[1]}, got ${describeValue(correction)}`;
  }
  return null;
}

/** The decoded estimator, or null after reporting what is wrong. */
export function readEstimator(value: unknown, text: string, report: Report): HourEstimator | null {
  if (!isMapping(value)) {
    report('estimator', `expected the hour estimator inscope learn wrote (a mapping with version, bits, groups), got ${describeValue(value)}`);
    return null;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!['version', 'bits', 'groups'].includes(key)) { report(`estimator.${key}`, `unknown key "${key}": expected one of version, bits, groups`); ok = false; }
  }
  if (value['version'] !== 1) { report('estimator.version', `expected 1 (the only estimator version), got ${describeValue(value['version'])}`); ok = false; }
  const bits = value['bits'];
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 1 || bits > 32) { report('estimator.bits', `expected a whole number from 1 to 32, got ${describeValue(bits)}`); ok = false; }
  const groups = value['groups'];
  if (!Array.isArray(groups)) { report('estimator.groups', `expected a list of groups, got ${describeValue(groups)}`); return null; }
  if (!ok) return null;
  const out: EstimatorGroup[] = [];
  const seen = new Set<string>();
  let bad = 0;
  groups.forEach((g: unknown, i) => {
    const where = groupLine(text, i);
    const name = isMapping(g) && typeof g['product'] === 'string' && typeof g['kind'] === 'string' ? ` (${g['product'] || 'no product'}, ${g['kind']})` : '';
    let problem = isMapping(g) ? groupProblem(g) : `expected a group mapping, got ${describeValue(g)}`;
    let group: EstimatorGroup | string | undefined;
    if (problem === null) {
      const key = `${String((g as Record<string, unknown>)['product'])}\0${String((g as Record<string, unknown>)['kind'])}`;
      if (seen.has(key)) problem = 'a second group for the same product and kind';
      seen.add(key);
      group = decodeGroup(g as unknown as EstimatorGroupFile, bits as number);
      if (typeof group === 'string') problem = group;
    }
    if (problem !== null) {
      if (++bad <= MAX_GROUP_ISSUES) report(`estimator.groups[${i}]`, `group ${i + 1}${name}: ${problem}`, where);
      return;
    }
    out.push(group as EstimatorGroup);
  });
  if (bad > MAX_GROUP_ISSUES) report('estimator.groups', `${bad - MAX_GROUP_ISSUES} more groups cannot be read`);
  return bad > 0 ? null : { version: 1, bits: bits as number, groups: out };
}
