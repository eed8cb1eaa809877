// Renders build/icon.svg to the PNGs electron-builder packages: build/icon.png (1024 px; the .icns and .ico
// are made from it) and build/icons/<N>x<N>.png for Linux. Run after changing the SVG, and commit the PNGs:
//   npx tsx scripts/make-icons.ts
// Uses Debian's Chromium (CHROMIUM_PATH to choose another), as the browser tests do.
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BUILD = resolve(import.meta.dirname, '../build');
/** Linux's icon sizes; the 1024 px one is build/icon.png only. */
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const svg = await readFile(join(BUILD, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await mkdir(join(BUILD, 'icons'), { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    const shot = { clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true } as const;
    const file = size === 1024 ? 'icon.png' : join('icons', `${size}x${size}.png`);
    await page.screenshot({ ...shot, path: join(BUILD, file) });
    console.log(`build/${file}`);
  }
} finally {
  await browser.close();
}
