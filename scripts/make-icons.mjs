// Renders static/icons/icon-{16,32,48,128}.png from one SVG with the system Chromium. Run by hand when the icon
// changes (`node scripts/make-icons.mjs`); the PNGs are committed.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#2563eb"/><stop offset="1" stop-color="#7c3aed"/></linearGradient></defs>
  <path d="M24 8h80a16 16 0 0 1 16 16v60a16 16 0 0 1-16 16H56l-26 20v-20h-6A16 16 0 0 1 8 84V24A16 16 0 0 1 24 8z" fill="url(#g)"/>
  <text x="64" y="78" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="64" fill="#fff">G</text>
</svg>`;

mkdirSync("static/icons", { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${SVG.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: `static/icons/icon-${size}.png`, omitBackground: true });
}
await browser.close();
console.log("icons written to static/icons/");
