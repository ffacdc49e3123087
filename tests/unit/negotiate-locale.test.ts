import { describe, expect, it } from 'vitest';
import { negotiateLocale, parseAcceptLanguage } from '../../src/lib/i18n/negotiate.ts';

describe('UI language from the browser', () => {
	it('orders Accept-Language tags by weight, then by position', () => {
		expect(parseAcceptLanguage('fr;q=0.5, zh-TW, en;q=0.8, de;q=0.8')).toEqual([
			'zh-TW',
			'en',
			'de',
			'fr',
		]);
		expect(parseAcceptLanguage('')).toEqual([]);
		expect(parseAcceptLanguage('*, en;q=0')).toEqual([]);
	});

	it.each([
		[['zh-CN'], 'zh-CN'],
		[['zh'], 'zh-CN'],
		[['zh-TW', 'en'], 'zh-CN'],
		[['zh-Hant-HK'], 'zh-CN'],
		[['en-GB', 'zh-CN'], 'en'],
		[['fr-FR', 'de', 'zh-SG'], 'zh-CN'],
	])('%j gets %s', (prefs, expected) => {
		expect(negotiateLocale(prefs)).toBe(expected);
	});

	it('has no answer when no language it knows is asked for', () => {
		expect(negotiateLocale(['fr', 'ja'])).toBeUndefined();
		expect(negotiateLocale([])).toBeUndefined();
	});
});
