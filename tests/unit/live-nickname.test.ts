import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cleanNickname,
	graphemes,
	MAX_NICKNAME_GRAPHEMES,
	uniqueNickname,
} from '../../src/lib/live/nickname.ts';

const clean = (raw: unknown) => {
	const result = cleanNickname(raw);
	return result.ok ? result.value : `<${result.error}>`;
};

const FAMILY = '👨‍👩‍👧‍👦';
const HIDDEN = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

describe('cleanNickname', () => {
	it('keeps ordinary names, Chinese ones included', () => {
		expect(clean('Ann')).toBe('Ann');
		expect(clean('王小明')).toBe('王小明');
		expect(clean('Zoë 李')).toBe('Zoë 李');
	});

	it('composes to NFC, so the same name looks and compares the same', () => {
		expect(clean('Zoe\u0308')).toBe('Zoë');
		expect(clean('Zoe\u0308')).toBe(clean('Zo\u00eb'));
	});

	it('drops a right-to-left override, which would reverse the names shown after it', () => {
		expect(clean('abc\u202Egnp.exe')).toBe('abcgnp.exe');
		expect(clean('\u2066Ann\u2069')).toBe('Ann');
		expect(clean('\u202A\u202B\u202C\u202D Bob')).toBe('Bob');
	});

	it('drops zero-width spaces and direction marks, keeps the joiner inside emoji', () => {
		expect(clean('A\u200Bn\u200En\u200F')).toBe('Ann');
		expect(clean('\uFEFFAnn')).toBe('Ann');
		expect(clean(FAMILY)).toBe(FAMILY);
	});

	it('strips control characters and turns line breaks and tabs into single spaces', () => {
		expect(clean('Ann\u0000\u0007\u001B[31m')).toBe('Ann[31m');
		expect(clean('  Ann \t\n  Lee  ')).toBe('Ann Lee');
		expect(clean('Ann\u3000\u00A0Lee')).toBe('Ann Lee');
	});

	it('keeps at most 20 graphemes of a 1000-character name', () => {
		const name = clean('x'.repeat(1000));
		expect(name).toBe('x'.repeat(20));
		expect(clean('ab '.repeat(400))).toBe('ab ab ab ab ab ab ab');
	});

	it('counts an emoji family as one grapheme', () => {
		expect(graphemes(FAMILY)).toHaveLength(1);
		expect(clean(FAMILY.repeat(25))).toBe(FAMILY.repeat(20));
		expect(clean(`${FAMILY}${'张'.repeat(30)}`)).toBe(FAMILY + '张'.repeat(19));
	});

	it('tames stacked accents (Zalgo) to a few marks per letter', () => {
		const zalgo = 'a' + '\u0301\u0316\u0317\u0318\u0319\u031A\u031B'.repeat(10);
		const name = clean(zalgo);
		expect(name.normalize('NFD')[0]).toBe('a');
		expect(graphemes(name)).toHaveLength(1);
		expect(Array.from(name).length).toBeLessThanOrEqual(5);
	});

	it('refuses a name that is empty once cleaned', () => {
		expect(clean('')).toBe('<empty>');
		expect(clean('   ')).toBe('<empty>');
		expect(clean('\u202E\u200B\u200E\u2066 \t')).toBe('<empty>');
		expect(clean('\u200D\u200D')).toBe('<empty>');
		expect(clean('\u0301')).toBe('<empty>');
		expect(clean(42)).toBe('<not-text>');
		expect(clean(undefined)).toBe('<not-text>');
	});

	it('refuses a name drawn as empty space (Hangul fillers, the Braille blank), in any mix', () => {
		for (const blank of ['\u3164', '\u115F\u1160', '\uFFA0', '\u2800', '\u3164\u2800 \u200D']) {
			expect(clean(blank.repeat(3))).toBe('<empty>');
		}
		// Around or inside a name they are spaces, as they look.
		expect(clean('\u3164Ann\u2800')).toBe('Ann');
		expect(clean('Al\u3164\u3164ice')).toBe('Al ice');
	});

	it('never throws, and what it keeps is short, visible, clean and stable', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ unit: 'grapheme', maxLength: 60 }),
					fc.string({ unit: 'binary', maxLength: 300 }),
				),
				(raw) => {
					const result = cleanNickname(raw);
					if (!result.ok) return;
					expect(graphemes(result.value).length).toBeLessThanOrEqual(MAX_NICKNAME_GRAPHEMES);
					expect(result.value).not.toMatch(HIDDEN);
					expect(result.value).toBe(result.value.trim());
					expect(result.value).not.toMatch(/ {2}/);
					expect(clean(result.value)).toBe(result.value);
				},
			),
		);
	});
});

describe('uniqueNickname', () => {
	it('keeps a free name', () => {
		expect(uniqueNickname('Ann', new Set(['Bob']))).toBe('Ann');
	});

	it('numbers a taken name, comparing without case', () => {
		expect(uniqueNickname('Ann', new Set(['ann']))).toBe('Ann 2');
		expect(uniqueNickname('ANN', new Set(['Ann', 'ann 2', 'Ann 3']))).toBe('ANN 4');
		expect(uniqueNickname('小明', new Set(['小明']))).toBe('小明 2');
	});

	it('numbers a name that looks the same: invisible characters and width make no difference', () => {
		// A zero-width joiner inside "Alice" is kept (emoji and scripts need it) but not seen.
		expect(uniqueNickname('Al\u200Dice', new Set(['Alice']))).toBe('Al\u200Dice 2');
		expect(uniqueNickname('Alice', new Set(['A\u200Clice\uFE0F']))).toBe('Alice 2');
		expect(uniqueNickname('Ａｌｉｃｅ', new Set(['alice']))).toBe('Ａｌｉｃｅ 2');
		expect(uniqueNickname('Alice', new Set(['Al\u200Dice', 'alice 2']))).toBe('Alice 3');
	});

	it('shortens a long name so the number stays within 20 graphemes', () => {
		const long = 'abcdefghijklmnopqrst';
		const name = uniqueNickname(long, new Set([long]));
		expect(name).toBe('abcdefghijklmnopqr 2');
		expect(graphemes(name)).toHaveLength(MAX_NICKNAME_GRAPHEMES);
		expect(graphemes(uniqueNickname(FAMILY.repeat(20), new Set([FAMILY.repeat(20)])))).toHaveLength(
			20,
		);
	});

	it('keeps a longer limit when the name has one (a student in a class: 40)', () => {
		const long = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD';
		expect(uniqueNickname(long, new Set([long]), 40)).toBe(
			'abcdefghijklmnopqrstuvwxyz0123456789AB 2',
		);
		expect(uniqueNickname('a'.repeat(25), new Set(['a'.repeat(25)]), 40)).toBe(
			`${'a'.repeat(25)} 2`,
		);
	});

	it('always finds a name no one has', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('a', 'A', 'a 2', 'A 3', 'b', 'a 4'), { maxLength: 10 }),
				fc.constantFrom('a', 'A', 'b'),
				(taken, name) => {
					const set = new Set(taken);
					const got = uniqueNickname(name, set);
					expect([...set].map((t) => t.toLowerCase())).not.toContain(got.toLowerCase());
				},
			),
		);
	});
});
