// Writes media/icon.png (128×128): two hub nodes joined to a pulse line on a dark rounded square.
// No image tools are installed here, so the PNG is rasterized and encoded with zlib by hand.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const S = 4; // supersampling per axis
const bg = [20, 32, 43];
const green = [78, 201, 140];
const blue = [86, 156, 214];

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const pulse = [[52, 64], [64, 64], [72, 38], [84, 92], [93, 64], [112, 64]];
const wires = [[[26, 34], [52, 34]], [[26, 94], [52, 94]], [[52, 34], [52, 94]]];
const nodes = [[26, 34], [26, 94]];

function shade(x, y) {
  // Rounded square background.
  const r = 24, m = 4;
  const cx = Math.min(Math.max(x, m + r), N - m - r), cy = Math.min(Math.max(y, m + r), N - m - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  for (const [nx, ny] of nodes) {
    const d = Math.hypot(x - nx, y - ny);
    if (d < 11) return d < 7 ? bg : blue;
  }
  for (let i = 0; i + 1 < pulse.length; i++) if (distToSegment(x, y, ...pulse[i], ...pulse[i + 1]) < 4.5) return green;
  for (const [[ax, ay], [bx, by]] of wires) if (distToSegment(x, y, ax, ay, bx, by) < 3.5) return blue;
  return bg;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const c = shade(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
    }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((255 * a) / (S * S));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../icon.png', import.meta.url), png);
console.log(`icon.png: ${png.length} bytes`);
