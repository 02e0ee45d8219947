/**
 * Draws the landing page's hero image, `public/assets/hero.png` (1200×600): a learner car on an
 * Alpine road at dawn. The PNG is committed; this script only documents how it was made and can
 * redraw it (`node reference-app/tools/make-hero.ts`). Plain node:zlib, no image library.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const WIDTH = 1200;
const HEIGHT = 600;
const HORIZON = 360;
const SAMPLES = 2; // supersampling per axis, for smooth edges

type Rgb = readonly [number, number, number];

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];
const clamp01 = (t: number) => Math.min(1, Math.max(0, t));

function mountainTop(x: number): number {
  return 250 - 70 * Math.sin(x / 140 + 0.6) ** 2 - 35 * Math.sin(x / 53 + 1.3) - 12 * Math.sin(x / 17);
}

function hillTop(x: number): number {
  return 330 + 22 * Math.sin(x / 210 + 2) + 9 * Math.sin(x / 61);
}

function sky(x: number, y: number): Rgb {
  const base = mix([74, 123, 208], [249, 210, 157], clamp01(y / HORIZON) ** 1.4);
  const sun = Math.hypot(x - 930, y - 170);
  if (sun < 62) return [255, 246, 214];
  return mix(base, [255, 236, 190], clamp01(1 - (sun - 62) / 160) * 0.55);
}

function road(x: number, y: number): Rgb | undefined {
  const depth = (y - HORIZON) / (HEIGHT - HORIZON); // 0 at the horizon, 1 at the bottom
  const half = 20 + depth * 420;
  const offset = x - 600;
  if (Math.abs(offset) > half) return undefined;
  const edge = Math.abs(Math.abs(offset) - half * 0.93) < 1 + depth * 5;
  const dash = Math.abs(offset) < 1 + depth * 6 && Math.floor(40 / (depth + 0.08)) % 2 === 0;
  return edge || dash ? [236, 236, 230] : mix([96, 104, 118], [62, 68, 80], depth);
}

function car(x: number, y: number): Rgb | undefined {
  const dx = x - 600;
  if (y > 535 && y < 572 && Math.abs(Math.abs(dx) - 105) < 26) return [24, 24, 28]; // wheels
  const roof = y > 400 && y < 455 && Math.abs(dx) < 95 - (455 - y) * 0.45;
  if (roof) return y > 410 && Math.abs(dx) < 82 - (455 - y) * 0.45 ? [38, 52, 74] : [196, 32, 38];
  if (y < 455 || y > 545 || Math.abs(dx) > 140) return undefined;
  if (y > 470 && y < 492 && Math.abs(dx) > 100 && Math.abs(dx) < 132) return [255, 92, 64]; // tail lights
  const plate = Math.abs(dx) < 22 && y > 492 && y < 536;
  if (plate) {
    const letterL = (dx > -10 && dx < -3 && y > 499 && y < 529) || (dx > -10 && dx < 10 && y > 522 && y < 529);
    return letterL ? [255, 255, 255] : [29, 78, 216];
  }
  return mix([214, 40, 46], [150, 22, 30], (y - 455) / 90);
}

function scene(x: number, y: number): Rgb {
  const vehicle = car(x, y);
  if (vehicle) return vehicle;
  if (y >= HORIZON) return road(x, y) ?? mix([86, 146, 80], [48, 110, 52], (y - HORIZON) / (HEIGHT - HORIZON));
  if (y >= hillTop(x)) return mix([110, 168, 98], [82, 140, 76], (y - hillTop(x)) / 40);
  const peak = mountainTop(x);
  if (y >= peak)
    return y < peak + 18 + 10 * Math.sin(x / 9) && peak < 215
      ? [244, 247, 251]
      : mix([125, 143, 179], [96, 112, 150], (y - peak) / 120);
  return sky(x, y);
}

function render(): Buffer {
  const raw = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y += 1) {
    const row = y * (WIDTH * 3 + 1); // the first byte of a row is left for its PNG filter type
    for (let x = 0; x < WIDTH; x += 1) {
      let sum: Rgb = [0, 0, 0];
      for (let s = 0; s < SAMPLES * SAMPLES; s += 1) {
        const color = scene(x + (s % SAMPLES) / SAMPLES, y + Math.floor(s / SAMPLES) / SAMPLES);
        sum = [sum[0] + color[0], sum[1] + color[1], sum[2] + color[2]];
      }
      sum.forEach((channel, c) => {
        raw[row + 1 + x * 3 + c] = Math.round(channel / (SAMPLES * SAMPLES));
      });
    }
  }
  return raw;
}

/** PNG "Paeth" filtering of every scanline: smooth gradients then compress well. */
function filterPaeth(raw: Buffer, stride: number): Buffer {
  const out = Buffer.alloc(raw.length);
  for (let row = 0; row < raw.length; row += stride + 1) {
    out[row] = 4;
    for (let i = 1; i <= stride; i += 1) {
      const left = i > 3 ? (raw[row + i - 3] ?? 0) : 0;
      const up = row > 0 ? (raw[row - stride - 1 + i] ?? 0) : 0;
      const upLeft = row > 0 && i > 3 ? (raw[row - stride - 1 + i - 3] ?? 0) : 0;
      const estimate = left + up - upLeft;
      const [da, db, dc] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
      const predictor = da <= db && da <= dc ? left : db <= dc ? up : upLeft;
      out[row + i] = ((raw[row + i] ?? 0) - predictor) & 0xff;
    }
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes 8-bit RGB scanlines (each prefixed with a spare byte for its filter type) as a PNG file. */
export function encodePng(width: number, height: number, scanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filterPaeth(scanlines, width * 3), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL('../public/assets/hero.png', import.meta.url));
  const png = encodePng(WIDTH, HEIGHT, render());
  writeFileSync(target, png);
  process.stdout.write(`wrote ${target} (${Math.round(png.length / 1024)} KB)\n`);
}
