import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { newJoinCode } from '../../src/lib/live/code.ts';
import {
	AnswerRequest,
	CreateGame,
	HostAction,
	Join,
	LiveEvent,
	MAX_BODY_BYTES,
	PublicCorrect,
	PublicQuestion,
} from '../../src/lib/live/protocol.ts';
import {
	prepareQuestion,
	publicCorrect,
	publicQuestion,
	toPublicQuestion,
	type LiveQuestion,
} from '../../src/lib/live/question.ts';
import {
	LIVE_QUESTIONS as ALL,
	meta,
	multi,
	order,
	SETTINGS,
	short,
	single,
	truefalse,
} from './live-fixtures.ts';

const settings = { ...SETTINGS, shuffle: true, lang: 'both' };
const accepts = (schema: v.GenericSchema, input: unknown) => v.safeParse(schema, input).success;

describe('requests', () => {
	it('accepts a complete CreateGame and refuses each bad field', () => {
		expect(accepts(CreateGame, settings)).toBe(true);
		expect(accepts(CreateGame, { ...settings, decks: [], questionIds: ['capital'] })).toBe(true);
		const bad: Record<string, unknown>[] = [
			{ count: 0 },
			{ count: 51 },
			{ count: 2.5 },
			{ secondsPerQuestion: 4 },
			{ secondsPerQuestion: 121 },
			{ readingSeconds: -1 },
			{ readingSeconds: 11 },
			{ types: [] },
			{ types: ['cloze'] },
			{ types: ['single', 'single'] },
			{ scoring: 'fastest' },
			{ lang: 'ja' },
			{ shuffle: 'yes' },
			{ decks: [] },
			{ decks: ['../etc/passwd'] },
			{ decks: Array.from({ length: 51 }, (_, i) => `b/d${i}`) },
			{ questionIds: [] },
			{ extra: 1 },
		];
		for (const change of bad) expect(accepts(CreateGame, { ...settings, ...change })).toBe(false);
		const missing: Record<string, unknown> = { ...settings };
		delete missing.optionsOnPhones;
		expect(accepts(CreateGame, missing)).toBe(false);
	});

	it('reads a join: six digits (a leading zero too) and a capped raw nickname', () => {
		expect(accepts(Join, { code: '012345', nickname: 'Ann' })).toBe(true);
		expect(accepts(Join, { code: '12345', nickname: 'Ann' })).toBe(false);
		expect(accepts(Join, { code: '1234567', nickname: 'Ann' })).toBe(false);
		expect(accepts(Join, { code: 123456, nickname: 'Ann' })).toBe(false);
		expect(accepts(Join, { code: '١٢٣٤٥٦', nickname: 'Ann' })).toBe(false);
		expect(accepts(Join, { code: '123456', nickname: 'x'.repeat(200) })).toBe(true);
		expect(accepts(Join, { code: '123456', nickname: 'x'.repeat(201) })).toBe(false);
		expect(accepts(Join, { code: '123456', nickname: 'Ann', admin: true })).toBe(false);
		// The join key of the projector's link: base64url, 16 to 64 characters.
		expect(accepts(Join, { code: '123456', nickname: 'Ann', key: 'a'.repeat(22) })).toBe(true);
		expect(accepts(Join, { code: '123456', nickname: 'Ann', key: 'short' })).toBe(false);
		expect(accepts(Join, { code: '123456', nickname: 'Ann', key: 'a/'.repeat(11) })).toBe(false);
	});

	it('reads answers of every live type and refuses oversized or foreign ones', () => {
		const ok = [
			{ type: 'single', choice: 0 },
			{ type: 'multi', choices: [0, 2] },
			{ type: 'truefalse', value: true },
			{ type: 'order', order: [3, 1, 0, 2] },
			{ type: 'short', text: 'Shinano' },
		];
		for (const answer of ok)
			expect(accepts(AnswerRequest, { questionIndex: 0, answer })).toBe(true);
		const bad = [
			{ type: 'single', choice: 10 },
			{ type: 'single', choice: -1 },
			{ type: 'single', choice: 1.5 },
			{ type: 'multi', choices: Array(11).fill(0) },
			{ type: 'order', order: Array.from({ length: 11 }, (_, i) => i % 10) },
			{ type: 'short', text: 'x'.repeat(201) },
			{ type: 'cloze', blanks: ['a'] },
			{ type: 'single', choice: 0, correct: true },
			{ type: 'truefalse', value: 'true' },
		];
		for (const answer of bad)
			expect(accepts(AnswerRequest, { questionIndex: 0, answer })).toBe(false);
		expect(accepts(AnswerRequest, { questionIndex: -1, answer: ok[0] })).toBe(false);
		expect(accepts(AnswerRequest, { questionIndex: 50, answer: ok[0] })).toBe(false);
	});

	it('reads host actions; kick needs a player id that is safe as a record key', () => {
		expect(accepts(HostAction, { action: 'start' })).toBe(true);
		expect(accepts(HostAction, { action: 'kick', playerId: 'p_1-x' })).toBe(true);
		expect(accepts(HostAction, { action: 'kick' })).toBe(false);
		expect(accepts(HostAction, { action: 'kick', playerId: '__proto__' })).toBe(false);
		expect(accepts(HostAction, { action: 'kick', playerId: 'host' })).toBe(false);
		expect(accepts(HostAction, { action: 'kick', playerId: 'a'.repeat(65) })).toBe(false);
		expect(accepts(HostAction, { action: 'restart' })).toBe(false);
		// accept needs the question and the answer, capped like a typed answer.
		expect(accepts(HostAction, { action: 'accept', questionIndex: 0, text: 'Tone' })).toBe(true);
		expect(accepts(HostAction, { action: 'accept', text: 'Tone' })).toBe(false);
		expect(accepts(HostAction, { action: 'accept', questionIndex: 0 })).toBe(false);
		expect(accepts(HostAction, { action: 'accept', questionIndex: 0, text: 'x'.repeat(201) })).toBe(
			false,
		);
	});

	it('caps request bodies at 4 KiB, which fits every request a real client sends', () => {
		expect(MAX_BODY_BYTES).toBe(4096);
		const answer = { questionIndex: 49, answer: { type: 'short', text: '字'.repeat(200) } };
		expect(new TextEncoder().encode(JSON.stringify(answer)).length).toBeLessThan(MAX_BODY_BYTES);
		const create = {
			...settings,
			decks: Array.from({ length: 50 }, (_, i) => `bank-${i}/deck-${i}`),
		};
		expect(new TextEncoder().encode(JSON.stringify(create)).length).toBeLessThan(MAX_BODY_BYTES);
	});
});

/** Every text of the public question except the prompt, where an answer may legitimately be. */
function textsBesidesPrompt(pq: PublicQuestion): string[] {
	const rest: Record<string, unknown> = { ...pq };
	delete rest.prompt;
	const out: string[] = [];
	const walk = (x: unknown): void => {
		if (typeof x === 'string') out.push(x);
		else if (Array.isArray(x)) x.forEach(walk);
		else if (x && typeof x === 'object') Object.values(x).forEach(walk);
	};
	walk(rest);
	return out;
}

function assertNoLeak(q: LiveQuestion, pq: PublicQuestion) {
	const json = JSON.stringify(pq);
	expect(json).not.toContain('"correct"');
	expect(json).not.toMatch(/"answers?"/);
	expect(v.safeParse(PublicQuestion, pq).success).toBe(true);
	if (q.type === 'short') {
		const texts = textsBesidesPrompt(pq);
		for (const accepted of [...q.answers.zh, ...q.answers.en]) {
			if (q.prompt.zh.includes(accepted) || q.prompt.en.includes(accepted)) continue;
			expect(texts.some((s) => s.includes(accepted))).toBe(false);
			expect(json.includes(JSON.stringify(accepted).slice(1, -1))).toBe(false);
		}
	}
	if (q.type === 'order' && pq.type === 'order') {
		expect(pq.items?.map((i) => i.en)).not.toEqual(q.items.map((i) => i.en));
	}
}

describe('toPublicQuestion', () => {
	it('never carries the right answer, for every question type', () => {
		for (const q of ALL) {
			for (const seed of ['a', 'b', 'c', '123456:0']) assertNoLeak(q, toPublicQuestion(q, seed));
		}
	});

	it('shows the texts without their flags, in the order the secret gives', () => {
		const pq = toPublicQuestion(single, 'seed');
		expect(pq).toEqual(toPublicQuestion(single, 'seed'));
		if (pq.type !== 'single') throw new Error('single expected');
		expect(pq.count).toBe(3);
		expect(pq.options?.map((o) => o.en).sort()).toEqual(['Kyoto', 'Osaka', 'Tokyo']);
		expect(pq.options?.every((o) => Object.keys(o).sort().join() === 'en,zh')).toBe(true);
		expect(toPublicQuestion(short, 's')).toEqual({ type: 'short', prompt: short.prompt });
		expect(toPublicQuestion(truefalse, 's')).toEqual({
			type: 'truefalse',
			prompt: truefalse.prompt,
		});
	});

	it('leaves the texts out for phones that show only coloured buttons', () => {
		const phone = publicQuestion(prepareQuestion(order, 's', 'o'), false);
		expect(phone).toEqual({ type: 'order', prompt: order.prompt, count: 4 });
		expect(publicQuestion(prepareQuestion(multi, 's', 'm'), false)).toEqual({
			type: 'multi',
			prompt: multi.prompt,
			count: 4,
		});
	});

	it('reveals the right answer in the positions the players saw', () => {
		const g = prepareQuestion(multi, 'x', 'm');
		const pq = publicQuestion(g);
		const correct = publicCorrect(g);
		if (pq.type !== 'multi' || correct.type !== 'multi') throw new Error('multi expected');
		expect(correct.positions.map((p) => pq.options![p].en).sort()).toEqual(['Honshu', 'Kyushu']);
		const go = prepareQuestion(order, 'y', 'o');
		const shown = publicQuestion(go);
		const right = publicCorrect(go);
		if (shown.type !== 'order' || right.type !== 'order') throw new Error('order expected');
		expect(right.order.map((p) => shown.items![p].en)).toEqual([
			'Meiji',
			'Taisho',
			'Showa',
			'Heisei',
		]);
		expect(v.safeParse(PublicCorrect, right).success).toBe(true);
	});

	it('leaks nothing for random questions and seeds (property)', () => {
		const text = fc.record({ zh: fc.string({ minLength: 1 }), en: fc.string({ minLength: 1 }) });
		const form = fc.stringMatching(/^[A-Z0-9]{3,12}$/);
		const question = fc.oneof(
			fc
				.record({
					id: fc.constant('s'),
					options: fc.array(text, { minLength: 3, maxLength: 6 }),
					pick: fc.nat(),
				})
				.map(({ options, pick }): LiveQuestion => ({
					...meta('s'),
					type: pick % 2 === 0 ? 'single' : 'multi',
					options: options.map((o, i) =>
						i === pick % options.length ? { ...o, correct: true } : o,
					),
				})),
			fc
				.array(text, { minLength: 3, maxLength: 6 })
				.map((items): LiveQuestion => ({ ...meta('o'), type: 'order', items })),
			fc
				.record({
					zh: fc.array(form, { minLength: 1, maxLength: 3 }),
					en: fc.array(form, { minLength: 1, maxLength: 3 }),
				})
				.map((answers): LiveQuestion => ({ ...meta('q'), type: 'short', answers })),
			fc.boolean().map((answer): LiveQuestion => ({ ...meta('t'), type: 'truefalse', answer })),
		);
		fc.assert(
			fc.property(question, fc.string(), fc.string(), (q, secret, label) => {
				assertNoLeak(q, toPublicQuestion(q, secret, label));
			}),
		);
	});
});

describe('events', () => {
	it('are checked by the LiveEvent schema, strictly', () => {
		expect(accepts(LiveEvent, { type: 'kicked' })).toBe(true);
		expect(
			accepts(LiveEvent, { type: 'leaderboard', top: [{ nickname: 'Ann', score: 875 }] }),
		).toBe(true);
		expect(accepts(LiveEvent, { type: 'progress', index: 0, answered: 1, total: 3 })).toBe(true);
		expect(accepts(LiveEvent, { type: 'progress', index: 0, answered: -1, total: 3 })).toBe(false);
		expect(accepts(LiveEvent, { type: 'kicked', why: 'x' })).toBe(false);
		expect(accepts(LiveEvent, { type: 'scores', all: [] })).toBe(false);
	});
});

describe('newJoinCode', () => {
	it('gives six digits as a string, keeping a leading zero', () => {
		expect(newJoinCode(() => 42, new Set())).toBe('000042');
		expect(newJoinCode(() => 999_999, new Set())).toBe('999999');
	});

	it('asks for a number below a million and tries again on a code in use', () => {
		const asked: number[] = [];
		const values = [123456, 123456, 7];
		const code = newJoinCode((max) => (asked.push(max), values.shift()!), new Set(['123456']));
		expect(code).toBe('000007');
		expect(asked).toEqual([1_000_000, 1_000_000, 1_000_000]);
	});

	it('refuses a broken random source and gives up when every try collides', () => {
		expect(() => newJoinCode(() => 1_000_000, new Set())).toThrow(RangeError);
		expect(() => newJoinCode(() => 0.5, new Set())).toThrow(RangeError);
		expect(() => newJoinCode(() => 1, new Set(['000001']))).toThrow(/No free join code/);
	});

	it('always gives a free six-digit code (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 999_999 }), { minLength: 1 }),
				fc.nat(999_999),
				(taken, free) => {
					const set = new Set(taken.map((n) => String(n).padStart(6, '0')));
					fc.pre(!set.has(String(free).padStart(6, '0')));
					let i = 0;
					const code = newJoinCode(() => (i < taken.length ? taken[i++] : free), set);
					expect(code).toMatch(/^\d{6}$/);
					expect(set.has(code)).toBe(false);
				},
			),
		);
	});
});
