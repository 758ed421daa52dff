/**
 * Draws the XSELL icon (a teal rounded square with a rising bar chart and a plus) at the sizes Office asks for,
 * as PNGs encoded here with zlib, so the icons are reproducible without an image editor.
 * Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 (as PNG chunks and zip entries use it). */
export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function icon(size: number): Buffer {
  const s = size;
  const r = s * 0.18;
  return png(s, (x, y) => {
    const cx = Math.min(Math.max(x + 0.5, r), s - r);
    const cy = Math.min(Math.max(y + 0.5, r), s - r);
    if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r) return [0, 0, 0, 0];
    const u = (x + 0.5) / s;
    const v = (y + 0.5) / s;
    const bar = (left: number, top: number) => u >= left && u < left + 0.14 && v >= top && v < 0.8;
    const plus = (Math.abs(u - 0.72) < 0.045 && v > 0.16 && v < 0.44) || (Math.abs(v - 0.3) < 0.045 && u > 0.58 && u < 0.86);
    if (bar(0.2, 0.58) || bar(0.38, 0.46) || bar(0.56, 0.52) || plus) return [255, 255, 255, 255];
    return [15, 118, 110, 255];
  });
}

if (require.main === module) {
  for (const size of [16, 32, 64, 80]) writeFileSync(join(__dirname, "..", "excel-addin", "assets", `icon-${size}.png`), icon(size));
  console.log("wrote excel-addin/assets/icon-{16,32,64,80}.png");
}
