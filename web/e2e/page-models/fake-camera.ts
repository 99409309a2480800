import bwipjs from 'bwip-js/node';
import { writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';

const FRAME_WIDTH = 960;
const FRAME_HEIGHT = 540;
const FRAMES = 5;

/**
 * Writes a Y4M video (YUV 4:2:0, what Chromium's `--use-file-for-fake-video-capture` plays in
 * a loop) showing `text` as a Code 39 barcode, black on white, as a VIN label on a door pillar
 * looks to a camera. Made at test time by bwip-js: no binary is committed.
 */
export async function writeBarcodeVideo(path: string, text: string): Promise<void> {
  const png = PNG.sync.read(
    await bwipjs.toBuffer({ bcid: 'code39', text, scale: 2, height: 18, paddingwidth: 10 }),
  );
  if (png.width > FRAME_WIDTH || png.height > FRAME_HEIGHT) {
    throw new Error(`Barcode ${String(png.width)}x${String(png.height)} does not fit the frame`);
  }
  const luma = Buffer.alloc(FRAME_WIDTH * FRAME_HEIGHT, 235); // white, in studio-range Y
  const left = Math.floor((FRAME_WIDTH - png.width) / 2);
  const top = Math.floor((FRAME_HEIGHT - png.height) / 2);
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const offset = (y * png.width + x) * 4;
      const [r = 255, g = 255, b = 255, alpha = 255] = png.data.subarray(offset, offset + 4);
      // Transparent pixels are the label's white; BT.601 studio-range luma otherwise.
      const y601 =
        alpha < 128 ? 235 : Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
      luma[(top + y) * FRAME_WIDTH + left + x] = y601;
    }
  }
  const chroma = Buffer.alloc((FRAME_WIDTH / 2) * (FRAME_HEIGHT / 2), 128); // no colour
  const header = Buffer.from(
    `YUV4MPEG2 W${String(FRAME_WIDTH)} H${String(FRAME_HEIGHT)} F10:1 Ip A1:1 C420jpeg\n`,
  );
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  await writeFile(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
