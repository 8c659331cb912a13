// The hour estimator (rules/hour-estimator.ts) as the model file stores it: per product and kind,
// the logged hours and the feature hashes of each past request as unsigned LEB128 varints in
// base64. Hashes are sorted per request and stored as differences, so a request of 24 features
// takes about 70 bytes instead of the 200 or so of a JSON array: 100,000 tickets fit in a few MB.
import type { EstimatorGroup, HourEstimator, RequestKind } from '../../rules/index.js';

/** inscope learn keeps a recalibration within these bounds; the loader refuses one outside them. */
export const CORRECTION_RANGE = [0.5, 2] as const;

export interface EstimatorGroupFile {
  readonly product: string;
  readonly kind: RequestKind;
  readonly requests: number;
  /** Per request its logged hours in hundredths. */
  readonly hours: string;
  /** Per request: the number of its features, the first hash, then each next hash minus the one before. */
  readonly features: string;
  /** The recalibration factor on the neighbours' median (see rules/hour-estimator.ts); absent: none. */
  readonly correction?: number;
}

export interface EstimatorFile {
  readonly version: 1;
  readonly bits: number;
  readonly groups: readonly EstimatorGroupFile[];
}

/** A growing byte buffer of varints: 100,000 requests' features are millions of numbers. */
function createVarintWriter() {
  let bytes = new Uint8Array(1024);
  let length = 0;
  return {
    write(value: number): void {
      if (length + 6 > bytes.length) {
        const grown = new Uint8Array(bytes.length * 2);
        grown.set(bytes);
        bytes = grown;
      }
      let v = value;
      while (v >= 0x80) {
        bytes[length++] = (v & 0x7f) | 0x80;
        v = Math.floor(v / 128);
      }
      bytes[length++] = v;
    },
    toBase64: (): string => Buffer.from(bytes.buffer, 0, length).toString('base64'),
  };
}

function writeVarints(values: Iterable<number>): string {
  const writer = createVarintWriter();
  for (const v of values) writer.write(v);
  return writer.toBase64();
}

/** The varints of a base64 text; throws on a cut-off varint or one past 2^35. */
function readVarints(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  for (const b of bytes) {
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      out.push(value);
      value = 0;
      scale = 1;
    } else if ((scale *= 128) > 2 ** 35) throw new Error('a number is too long');
  }
  if (scale !== 1) throw new Error('the data ends inside a number');
  return out;
}

export function encodeEstimator(model: HourEstimator): EstimatorFile {
  return {
    version: 1,
    bits: model.bits,
    groups: model.groups.map((g) => {
      const features = createVarintWriter();
      let start = 0;
      for (const end of g.ends) {
        features.write(end - start);
        let previous = 0;
        for (let j = start; j < end; j++) {
          const h = g.features[j] as number;
          features.write(h - previous);
          previous = h;
        }
        start = end;
      }
      const group = { product: g.product, kind: g.kind, requests: g.ends.length, hours: writeVarints(g.hundredths), features: features.toBase64() };
      return g.correction === undefined ? group : { ...group, correction: g.correction };
    }),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes one group; the message says what does not fit (the loader names the group). */
export function decodeGroup(file: EstimatorGroupFile, bits: number): EstimatorGroup | string {
  if (!BASE64.test(file.hours) || !BASE64.test(file.features)) return 'hours and features must be base64 texts';
  let hours: number[];
  let stream: number[];
  try {
    hours = readVarints(file.hours);
    stream = readVarints(file.features);
  } catch (error) {
    return `cannot be decoded: ${(error as Error).message}`;
  }
  if (hours.length !== file.requests) return `has ${hours.length} hours for ${file.requests} requests`;
  const ends = new Uint32Array(file.requests);
  const features: number[] = [];
  let at = 0;
  for (let i = 0; i < file.requests; i++) {
    const count = stream[at++];
    if (count === undefined || at + count > stream.length) return `its features end before request ${i + 1} of ${file.requests}`;
    let h = 0;
    for (let j = 0; j < count; j++) {
      h += stream[at++] as number;
      if (h >= 2 ** bits) return `request ${i + 1} has a feature hash past 2^${bits}`;
      features.push(h);
    }
    ends[i] = features.length;
  }
  if (at !== stream.length) return `has ${stream.length - at} numbers after its last request`;
  const group = { product: file.product, kind: file.kind, hundredths: Uint32Array.from(hours), features: Uint32Array.from(features), ends };
  return file.correction === undefined ? group : { ...group, correction: file.correction };
}
