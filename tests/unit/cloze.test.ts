import { describe, expect, it } from 'vitest';
import { clozeWithGaps, parseCloze } from '../../src/lib/bank/index.ts';

describe('parseCloze', () => {
	it('splits text and blanks, with every accepted form of a blank', () => {
		const parsed = parseCloze('Japan aims for {{2%|two percent}} of GDP in {{five|5}} years.');
		expect(parsed).toEqual({
			ok: true,
			segments: [
				{ kind: 'text', text: 'Japan aims for ' },
				{ kind: 'blank', index: 0, answers: ['2%', 'two percent'], anyOrder: false },
				{ kind: 'text', text: ' of GDP in ' },
				{ kind: 'blank', index: 1, answers: ['five', '5'], anyOrder: false },
				{ kind: 'text', text: ' years.' },
			],
		});
		if (parsed.ok)
			expect(clozeWithGaps(parsed.segments)).toBe('Japan aims for ＿＿ of GDP in ＿＿ years.');
	});

	it('refuses text with no blank, an unclosed blank or an empty answer', () => {
		expect(parseCloze('no blank here')).toMatchObject({
			ok: false,
			error: expect.stringContaining('no blank'),
		});
		expect(parseCloze('a {{b}} and {{c')).toMatchObject({
			ok: false,
			error: expect.stringContaining('without'),
		});
		expect(parseCloze('a {{b|}} c')).toMatchObject({
			ok: false,
			error: expect.stringContaining('empty answer'),
		});
	});
});
