// One question of each answer type, written for these tests (the banks' questions change).
import type { QuestionOf } from '$lib/bank/schema';
import type { Choice } from '$lib/quiz/answer-draft';

const common = {
	prompt: { zh: '问题', en: 'The question' },
	explanation: { zh: '解释', en: 'Why' },
	source: { paragraphs: [1] },
	tags: ['t'],
};

export const single: QuestionOf<'single'> = {
	...common,
	id: 'single-1',
	type: 'single',
	options: [
		{ zh: '东京', en: 'Tokyo', correct: true },
		{ zh: '大阪', en: 'Osaka' },
		{ zh: '京都', en: 'Kyoto' },
		{ zh: '札幌', en: 'Sapporo' },
	],
};

export const multi: QuestionOf<'multi'> = {
	...common,
	id: 'multi-1',
	type: 'multi',
	options: [
		{ zh: '美国', en: 'United States', correct: true },
		{ zh: '日本', en: 'Japan', correct: true },
		{ zh: '法国', en: 'France' },
		{ zh: '巴西', en: 'Brazil' },
	],
};

export const truefalse: QuestionOf<'truefalse'> = {
	...common,
	id: 'tf-1',
	type: 'truefalse',
	answer: false,
};

export const short: QuestionOf<'short'> = {
	...common,
	id: 'short-1',
	type: 'short',
	answers: { zh: ['北约'], en: ['NATO'] },
};

export const cloze: QuestionOf<'cloze'> = {
	...common,
	id: 'cloze-1',
	type: 'cloze',
	text: { zh: '{{日本}}与{{美国}}', en: 'Between {{Japan}} and {{the US}}.' },
};

export const order: QuestionOf<'order'> = {
	...common,
	id: 'order-1',
	type: 'order',
	items: [
		{ zh: '一', en: 'First' },
		{ zh: '二', en: 'Second' },
		{ zh: '三', en: 'Third' },
		{ zh: '四', en: 'Fourth' },
	],
};

/** The options as the bank lists them, which is the order shown unless a test shuffles them. */
export const asListed = (q: QuestionOf<'single' | 'multi'>): Choice[] =>
	q.options.map((o) => ({ text: o, correct: !!o.correct }));
