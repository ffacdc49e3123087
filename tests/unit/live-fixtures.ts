// What the classroom hub's tests build games from: a plain single-choice question and settings
// for a short game with no reading time; and how they read an event stream.
import type { Question } from '../../src/lib/bank/index.ts';

export const singleQuestion = (id: string): Question => ({
	id,
	type: 'single',
	prompt: { zh: '哪个？', en: 'Which?' },
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B' },
		{ zh: '丙', en: 'C' },
	],
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
});

/** Four options, the right one listed first, as banks tend to list it. */
export const fourOptions = (id: string): Question => ({
	id,
	type: 'single',
	prompt: { zh: '哪个？', en: 'Which?' },
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B' },
		{ zh: '丙', en: 'C' },
		{ zh: '丁', en: 'D' },
	],
});

export const shortQuestion = (id: string): Question => ({
	id,
	type: 'short',
	prompt: { zh: '哪条河？', en: 'Which river?' },
	answers: { zh: ['信浓川'], en: ['Shinano'] },
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
});

export const GAME_SETTINGS = {
	decks: ['b/d'],
	types: ['single'],
	count: 2,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};

/** The raw SSE text a stream has sent so far (each chunk is whole events). */
export function reader(response: Response) {
	const r = response.body!.getReader();
	const decoder = new TextDecoder();
	// A read cut off by the timeout is still waiting for the next chunk: keep it for next time.
	let pending: ReturnType<typeof r.read> | undefined;
	let ended = false;
	return {
		/** Whether the server closed the stream. */
		get ended() {
			return ended;
		},
		/** Whatever arrives until the stream has been quiet for 20 ms. */
		async read(): Promise<string> {
			let all = '';
			for (;;) {
				pending ??= r.read();
				const next = await Promise.race([
					pending,
					new Promise<null>((res) => setTimeout(() => res(null), 20)),
				]);
				if (next === null) break;
				pending = undefined;
				if (next.done) {
					ended = true;
					break;
				}
				all += decoder.decode(next.value);
			}
			return all;
		},
		cancel: () => r.cancel(),
	};
}

/** The events of raw SSE text, with their ids. */
export const events = (raw: string) =>
	raw
		.split('\n\n')
		.filter((block) => block.includes('data: {"type"'))
		.map((block) => ({
			id: /^id: (.+)$/m.exec(block)?.[1] ?? '',
			data: JSON.parse(/^data: (.+)$/m.exec(block)![1]) as { type: string },
		}));
