// Draws the app's logos as PNGs at build time (Zendesk asks for assets/logo.png at 320×320 and
// assets/logo-small.png at 128×128): a Garden-blue rounded square with a white check mark. Written
// here rather than committed as binaries, with Node's zlib and nothing else.
import zlib from 'node:zlib';

const BLUE = [0x1f, 0x73, 0xb7];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

export function logoPng(size: number): Buffer {
  const rows: Buffer[] = [];
  const radius = size * 0.18, stroke = size * 0.07;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const u = x + 0.5, v = y + 0.5;
      const cx = Math.max(radius, Math.min(size - radius, u)), cy = Math.max(radius, Math.min(size - radius, v));
      const inside = Math.hypot(u - cx, v - cy) <= radius;
      const check = Math.min(segmentDistance(u / size, v / size, 0.27, 0.52, 0.43, 0.68), segmentDistance(u / size, v / size, 0.43, 0.68, 0.74, 0.34)) * size <= stroke;
      const [r, g, b] = check ? [255, 255, 255] : BLUE;
      row.set([r!, g!, b!, inside ? 255 : 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
