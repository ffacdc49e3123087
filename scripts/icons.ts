/**
 * `npm run icons`: renders static/icons/source.svg into the PNG icons the manifest lists, with
 * the same Chromium the tests use (no image library to install). The maskable icons keep the
 * artwork inside the central 80 % safe zone that launchers may crop to a circle.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const source = readFileSync('static/icons/source.svg', 'utf8');
const ICONS = [
	{ file: 'icon-192.png', size: 192, scale: 1 },
	{ file: 'icon-512.png', size: 512, scale: 1 },
	{ file: 'maskable-192.png', size: 192, scale: 0.8 },
	{ file: 'maskable-512.png', size: 512, scale: 0.8 },
	{ file: 'apple-touch-icon.png', size: 180, scale: 1 },
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox'],
});
const page = await browser.newPage();
for (const icon of ICONS) {
	await page.setViewportSize({ width: icon.size, height: icon.size });
	const inner = icon.size * icon.scale;
	await page.setContent(
		`<body style="margin:0;background:#a61f28;display:grid;place-items:center;width:${icon.size}px;height:${icon.size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${source.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
	);
	await page.screenshot({ path: `static/icons/${icon.file}`, omitBackground: false });
	console.log(`static/icons/${icon.file}`);
}
await browser.close();
