import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every text of a message, whatever its shape (plain, or variants by plural). */
function texts(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(texts);
	if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
	return [];
}

const zh = JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')) as Record<string, unknown>;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

describe('Chinese messages', () => {
	it('use the full-width colon after Chinese text', () => {
		const ascii = Object.entries(zh).flatMap(([key, value]) =>
			texts(value)
				.filter((text) => [...text.matchAll(/:/g)].some((m) => CJK.test(text[m.index - 1] ?? '')))
				.map((text) => `${key}: ${text}`),
		);
		expect(ascii).toEqual([]);
	});

	it('name a unit in Chinese, never as the English abbreviation "s"', () => {
		const english = Object.entries(zh).flatMap(([key, value]) =>
			texts(value)
				.filter((text) => /\d\s?s\b|\}\s?s\b/.test(text))
				.map((text) => `${key}: ${text}`),
		);
		expect(english).toEqual([]);
	});

	it('give every English message a Chinese one', () => {
		const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, unknown>;
		const missing = Object.keys(en).filter((key) => key !== '$schema' && !(key in zh));
		expect(missing).toEqual([]);
	});
});
