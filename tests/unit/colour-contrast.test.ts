// Every text colour of app.css on the backgrounds it is drawn on, in both themes, reaches WCAG AA.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../src/app.css', import.meta.url), 'utf8');

/** `--name: light-dark(#light, #dark)` for each token; aliases (var(--x)) resolved. */
function tokens(): Map<string, { light: string; dark: string }> {
	const found = new Map<string, { light: string; dark: string }>();
	for (const m of css.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)) {
		found.set(m[1], { light: m[2], dark: m[3] });
	}
	for (const m of css.matchAll(/--([\w-]+):\s*var\(--([\w-]+)\)/g)) {
		const target = found.get(m[2]);
		if (target) found.set(m[1], target);
	}
	return found;
}

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** Degrees apart on the colour wheel (HSL hue). */
function hueDistance(a: string, b: string): number {
	const d = Math.abs(hue(a) - hue(b)) % 360;
	return Math.min(d, 360 - d);
}

function hue(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
	const max = Math.max(r, g, b);
	const d = max - Math.min(r, g, b);
	if (d === 0) return 0;
	const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
	return (h * 60 + 360) % 360;
}

const TEXT_ON_PAGE = [
	'text',
	'muted',
	'link',
	'primary',
	'success',
	'error',
	'new',
	'rating-again',
	'rating-hard',
	'rating-good',
	'rating-easy',
	'brand',
];

describe('colour roles in app.css', () => {
	const all = tokens();
	const get = (name: string) => {
		const t = all.get(name);
		if (!t) throw new Error(`--${name} is not a light-dark() token of app.css`);
		return t;
	};

	it('computes contrast as WCAG does', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});

	for (const theme of ['light', 'dark'] as const) {
		for (const background of ['bg', 'surface']) {
			for (const text of TEXT_ON_PAGE) {
				it(`${theme}: --${text} on --${background} is at least 4.5:1`, () => {
					expect(contrast(get(text)[theme], get(background)[theme])).toBeGreaterThanOrEqual(4.5);
				});
			}
			it(`${theme}: the focus ring on --${background} is at least 3:1 (a non-text outline)`, () => {
				expect(contrast(get('focus')[theme], get(background)[theme])).toBeGreaterThanOrEqual(3);
			});
		}
		it(`${theme}: text on the primary action (--on-primary on --primary) is at least 4.5:1`, () => {
			expect(contrast(get('on-primary')[theme], get('primary')[theme])).toBeGreaterThanOrEqual(4.5);
		});
		it(`${theme}: the primary action and the suggested rating are not the error colour`, () => {
			expect(get('primary')[theme]).not.toBe(get('error')[theme]);
			expect(get('rating-good')[theme]).not.toBe(get('error')[theme]);
			// Another hue altogether, not a shade of the same red.
			expect(hueDistance(get('primary')[theme], get('error')[theme])).toBeGreaterThan(60);
			expect(hueDistance(get('rating-good')[theme], get('rating-again')[theme])).toBeGreaterThan(
				60,
			);
		});
	}
});
