// Answers typed as learners type them, each with the verdict a careful teacher would give and
// why. Most questions are hand-made (HANDMADE), so a verdict depends on the checker's rules and
// not on which forms the bank happens to list; a few are bank questions whose current forms the
// rules make pass (`questions/us-japan-2023`, ids usj23-…).
import type { QuestionOf } from '../../src/lib/bank/index.ts';
import type { CheckableQuestion } from '../../src/lib/quiz/index.ts';

export interface LearnerAnswer {
	/** A bank question id (usj23-…) or a key of HANDMADE. */
	question: string;
	/** For a cloze: the blank typed into; the other blanks get their first accepted form. */
	blank?: number;
	lang: 'zh' | 'en';
	/** What was typed; for a cloze, a list is every blank at once. */
	typed: string | string[];
	/** Accepted forms of neighbouring questions, which this answer must not be taken for. */
	knownWrong?: string[];
	accept: boolean;
	why: string;
}

const meta = (id: string) => ({
	id,
	explanation: { zh: '……', en: '…' },
	source: { paragraphs: [1] },
	tags: ['learner-answers'],
});
const short = (
	id: string,
	prompt: { zh: string; en: string },
	zh: string[],
	en: string[],
): QuestionOf<'short'> => ({ ...meta(id), type: 'short', prompt, answers: { zh, en } });
const cloze = (id: string, zh: string, en: string): QuestionOf<'cloze'> => ({
	...meta(id),
	type: 'cloze',
	prompt: { zh: '填空。', en: 'Fill in the blanks.' },
	text: { zh, en },
});

export const HANDMADE: Record<string, CheckableQuestion> = {
	seventy: cloze(
		'seventy',
		'修订后的战略文件认为，日本面对的是 {{70|七十}} 年来最严峻的安全环境。',
		'The revised strategy documents see Japan facing its harshest security environment in {{70|seventy}} years.',
	),
	ukraine: cloze(
		'ukraine',
		'俄罗斯入侵{{乌克兰}}之后，美日战略合作覆盖的地域范围大为拓宽。',
		'After Russia invaded {{Ukraine}}, the geographic reach of US–Japan strategic cooperation grew much wider.',
	),
	raa: short(
		'raa',
		{ zh: '日本与英国签署了哪一项协定？', en: 'Which agreement did Japan and the UK sign?' },
		['互惠准入协定'],
		['reciprocal access agreement'],
	),
	plan: short(
		'plan',
		{
			zh: '除了两份战略，日本在 2022 年底还修订了哪份计划？',
			en: 'Besides the two strategies, which plan did Japan revise at the end of 2022?',
		},
		['防卫力整备计划'],
		['Defense Buildup Program'],
	),
	chips: short(
		'chips',
		{
			zh: '美国新的对华出口管制针对哪类商品？',
			en: 'Which goods did the new US export controls on China target?',
		},
		['芯片'],
		['chips'],
	),
	article: short(
		'article',
		{
			zh: '安全条约的哪一条如今也涵盖太空中的攻击？',
			en: 'Which article of the security treaty now covers attacks in space?',
		},
		['第五条'],
		['Article 5'],
	),
	period: short(
		'period',
		{
			zh: '日本计划在多长时间内达到新的开支目标？',
			en: 'Within how long does Japan plan to reach its new spending target?',
		},
		['五年'],
		['five years'],
	),
	conditions: short(
		'conditions',
		{
			zh: '动用反击之前须同时满足几个条件？',
			en: 'How many conditions must all be met before a counterstrike?',
		},
		['三个'],
		['three'],
	),
	share: short(
		'share',
		{
			zh: '日本如今打算把国防开支提高到 GDP 的多少？',
			en: 'What share of GDP does Japan now aim to spend on defence?',
		},
		['2%'],
		['2%'],
	),
	labour: short(
		'labour',
		{
			zh: '美日同意从全球供应链中清除什么？',
			en: 'What did the US and Japan agree to remove from global supply chains?',
		},
		['强迫劳动'],
		['forced labor'],
	),
	alliance: short(
		'alliance',
		{
			zh: '岸田首次出席了哪个组织的峰会？',
			en: 'Kishida was the first Japanese leader at which summit?',
		},
		['北约峰会', '北约'],
		['North Atlantic Treaty Organization', 'NATO'],
	),
	posture: short(
		'posture',
		{
			zh: '盟国承诺在西南诸岛加强什么？',
			en: "What did the allies pledge to strengthen on Japan's southwestern islands?",
		},
		['防御态势'],
		['defense posture'],
	),
	liberalization: short(
		'liberalization',
		{
			zh: '岸田希望美国在哪方面发挥领导作用？',
			en: 'In what did Kishida want the US to take the lead?',
		},
		['贸易自由化'],
		['trade liberalization'],
	),
	islands: short(
		'islands',
		{
			zh: '盟国要在日本哪一带岛屿改善防御？',
			en: "On which of Japan's islands will the allies improve their defences?",
		},
		['西南诸岛'],
		['southwestern islands'],
	),
	partner: short(
		'partner',
		{
			zh: '日本与哪个国家达成了互惠准入协定？',
			en: 'Japan reached a reciprocal access agreement with which country?',
		},
		['英国'],
		['UK', 'United Kingdom'],
	),
	china: short(
		'china',
		{
			zh: '日本的新战略把哪个国家视为最大挑战？',
			en: "Which country does Japan's new strategy call its greatest challenge?",
		},
		['中国'],
		['China'],
	),
	'visit-date': cloze(
		'visit-date',
		'岸田于 2023 年 1 月 {{13}} 日抵达华盛顿。',
		'Kishida arrived in Washington on {{13}} January 2023.',
	),
	harshest: cloze(
		'harshest',
		'日本面临 {{70}} 年来最严峻的安全环境。',
		'Japan faces its harshest security environment in {{70}} years.',
	),
	tour: cloze(
		'tour',
		'岸田访问了{{五|5}}个七国集团成员国，为日本{{5|五}}月主办的峰会做准备。',
		'Kishida toured {{five|5}} G7 members ahead of the summit Japan would host in {{May}}.',
	),
	'any-order': cloze(
		'any-order',
		'两国反对以{{~武力}}或{{~胁迫|强制}}改变现状。',
		'The allies oppose changing the status quo by {{~force}} or {{~coercion|compulsion}}.',
	),
};

const ZWSP = '\u200b';
const SOFT_HYPHEN = '\u00ad';
const ZWJ = '\u200d';

export const LEARNER_ANSWERS: LearnerAnswer[] = [
	// The question's own words around the right answer
	{
		question: 'raa',
		lang: 'en',
		typed: 'Japan and the UK signed a reciprocal access agreement',
		accept: true,
		why: 'every extra word is the question’s own',
	},
	{
		question: 'raa',
		lang: 'zh',
		typed: '日本与英国签署了一项互惠准入协定',
		accept: true,
		why: 'the question’s own words, and 一项',
	},
	{
		question: 'raa',
		lang: 'en',
		typed: 'not a reciprocal access agreement',
		accept: false,
		why: 'a negation',
	},
	{ question: 'raa', lang: 'zh', typed: '不是互惠准入协定', accept: false, why: 'a negation' },
	{
		question: 'raa',
		lang: 'en',
		typed: 'a reciprocal access agreement with France',
		accept: false,
		why: 'adds a content word of its own',
	},
	{
		question: 'raa',
		lang: 'en',
		typed: 'reciprocal access agreement or free trade agreement',
		accept: false,
		why: 'a list of guesses',
	},
	{
		question: 'raa',
		lang: 'zh',
		typed: '互惠准入协定和自由贸易协定',
		accept: false,
		why: 'a list of guesses',
	},
	{
		question: 'chips',
		lang: 'en',
		typed: 'chips exported to China',
		accept: true,
		why: '“exported” and “China” repeat the question',
	},
	{
		question: 'chips',
		lang: 'en',
		typed: 'advanced chips',
		accept: false,
		why: '“advanced” is not the question’s word',
	},
	{ question: 'chips', lang: 'en', typed: 'chips and money', accept: false, why: 'a second guess' },
	{
		question: 'period',
		lang: 'en',
		typed: 'within five years',
		accept: true,
		why: '“within” is the question’s word',
	},
	{
		question: 'conditions',
		lang: 'en',
		typed: 'three conditions',
		accept: true,
		why: '“conditions” is the question’s word',
	},
	{
		question: 'conditions',
		lang: 'zh',
		typed: '三个条件',
		accept: true,
		why: '条件 is the question’s word',
	},
	{
		question: 'labour',
		lang: 'en',
		typed: 'forced labour in global supply chains',
		accept: true,
		why: 'British spelling, and the question’s own words',
	},
	{
		question: 'labour',
		lang: 'en',
		typed: 'forced labour and child labour',
		accept: false,
		why: 'adds an answer of its own',
	},
	{
		question: 'islands',
		lang: 'en',
		typed: "Japan's southwestern islands",
		accept: true,
		why: '“Japan’s” is the question’s word',
	},
	{
		question: 'partner',
		lang: 'en',
		typed: 'UK and France',
		accept: false,
		why: 'a second country',
	},
	{
		question: 'partner',
		lang: 'en',
		typed: 'Britain or France',
		accept: false,
		why: 'a list of guesses (and Britain is not listed)',
	},
	{ question: 'china', lang: 'en', typed: 'not China', accept: false, why: 'a negation' },
	{
		question: 'china',
		lang: 'en',
		typed: 'China and Russia',
		accept: false,
		why: 'a second country',
	},

	// Numbers inside text, in digits, Chinese numerals or English words
	{ question: 'article', lang: 'zh', typed: '第5条', accept: true, why: '5 = 五 inside the text' },
	{ question: 'article', lang: 'zh', typed: '第 5 条', accept: true, why: 'spacing and digits' },
	{ question: 'article', lang: 'zh', typed: '第六条', accept: false, why: 'another article' },
	{
		question: 'article',
		lang: 'zh',
		typed: '5条',
		accept: false,
		why: '5条 counts five articles; the fifth needs 第',
	},
	{
		question: 'article',
		lang: 'en',
		typed: 'article five',
		accept: true,
		why: 'five = 5 inside the text',
	},
	{
		question: 'article',
		lang: 'en',
		typed: 'the fifth article',
		accept: true,
		why: 'an article is a position: the fifth is Article 5',
	},
	{ question: 'article', lang: 'en', typed: 'Article 6', accept: false, why: 'another article' },
	{ question: 'article', lang: 'en', typed: 'article six', accept: false, why: 'another article' },
	{
		question: 'article',
		lang: 'en',
		typed: 'Article 5',
		accept: true,
		why: 'the English form, also in Chinese study',
	},
	{ question: 'period', lang: 'zh', typed: '5年', accept: true, why: '5 = 五 inside the text' },
	{ question: 'period', lang: 'zh', typed: '5 年', accept: true, why: '5 = 五, spacing' },
	{ question: 'period', lang: 'zh', typed: '6年', accept: false, why: 'another number' },
	{
		question: 'period',
		lang: 'en',
		typed: '5 years',
		accept: true,
		why: '5 = five inside the text',
	},
	{ question: 'period', lang: 'en', typed: '5 year', accept: true, why: '5 = five, singular' },
	{ question: 'share', lang: 'en', typed: '2 percent', accept: true, why: 'the same percentage' },
	{
		question: 'share',
		lang: 'en',
		typed: 'two per cent of GDP',
		accept: true,
		why: 'the same percentage, and “of GDP” is the question’s',
	},
	{
		question: 'share',
		lang: 'zh',
		typed: '百分之二',
		accept: true,
		why: 'the same percentage in Chinese',
	},
	{
		question: 'share',
		lang: 'zh',
		typed: 'GDP 的 2%',
		accept: true,
		why: 'GDP 的 is the question’s',
	},
	{ question: 'share', lang: 'en', typed: '1 %', accept: false, why: 'another percentage' },
	{ question: 'share', lang: 'en', typed: '20%', accept: false, why: 'another percentage' },
	{ question: 'share', lang: 'en', typed: '2', accept: false, why: 'a number, not a percentage' },
	{ question: 'conditions', lang: 'zh', typed: '3个', accept: true, why: '3 = 三 inside the text' },

	{
		question: 'tour',
		blank: 0,
		lang: 'zh',
		typed: '五个',
		accept: true,
		why: '个 is the sentence’s next character',
	},
	{
		question: 'tour',
		blank: 0,
		lang: 'en',
		typed: 'five G7 members',
		accept: true,
		why: 'the sentence’s next words',
	},
	{
		question: 'tour',
		blank: 1,
		lang: 'zh',
		typed: '5月',
		accept: true,
		why: '月 is the sentence’s next character',
	},
	{
		question: 'tour',
		blank: 1,
		lang: 'zh',
		typed: '访问了五个七国集团成员国',
		accept: false,
		why: 'the other blank’s count, in the sentence’s words but not this blank’s',
	},
	{
		question: 'tour',
		blank: 1,
		lang: 'en',
		typed: '5',
		accept: false,
		why: 'the month is May; 5 is the other blank’s answer',
	},

	// Ordinals: for a day or a position, never for a count
	{
		question: 'visit-date',
		blank: 0,
		lang: 'en',
		typed: '13th',
		accept: true,
		why: 'a day of January',
	},
	{
		question: 'visit-date',
		blank: 0,
		lang: 'en',
		typed: 'thirteenth',
		accept: true,
		why: 'a day of January',
	},
	{
		question: 'visit-date',
		blank: 0,
		lang: 'en',
		typed: '14th',
		accept: false,
		why: 'another day',
	},
	{
		question: 'harshest',
		blank: 0,
		lang: 'en',
		typed: '70th',
		accept: false,
		why: '70 years is a count',
	},
	{
		question: 'harshest',
		blank: 0,
		lang: 'en',
		typed: 'seventy years',
		accept: true,
		why: '“years” is the sentence’s next word',
	},
	{
		question: 'harshest',
		blank: 0,
		lang: 'zh',
		typed: '七十年',
		accept: true,
		why: '七十 = 70, and 年 is the sentence’s next character',
	},
	{ question: 'harshest', blank: 0, lang: 'zh', typed: '71', accept: false, why: 'another number' },
	{
		question: 'conditions',
		lang: 'en',
		typed: '3rd',
		accept: false,
		why: 'a count, not a position',
	},
	{
		question: 'conditions',
		lang: 'en',
		typed: 'third',
		accept: false,
		why: 'a count, not a position',
	},
	{
		question: 'conditions',
		lang: 'zh',
		typed: '第三',
		accept: false,
		why: 'a count, not a position',
	},
	{
		question: 'period',
		lang: 'en',
		typed: 'fifth year',
		accept: false,
		why: 'a period is a count',
	},

	// Invisible format characters (Unicode Cf)
	{
		question: 'raa',
		lang: 'en',
		typed: `reciprocal access agree${SOFT_HYPHEN}ment`,
		accept: true,
		why: 'a soft hyphen',
	},
	{
		question: 'raa',
		lang: 'en',
		typed: `${ZWSP}reciprocal access agreement${ZWSP}`,
		accept: true,
		why: 'zero-width spaces',
	},
	{
		question: 'raa',
		lang: 'zh',
		typed: `互惠${ZWSP}准入${ZWJ}协定`,
		accept: true,
		why: 'a zero-width space and a joiner',
	},

	// British and American spelling, several in one answer
	{
		question: 'plan',
		lang: 'en',
		typed: 'Defence Buildup Programme',
		accept: true,
		why: 'defence, programme',
	},
	{
		question: 'plan',
		lang: 'en',
		typed: 'Defence Buildup Programmes',
		accept: true,
		why: 'spelling and plural',
	},
	{
		question: 'plan',
		lang: 'zh',
		typed: 'Defence Buildup Programme',
		accept: true,
		why: 'the English name, British spelling',
	},
	{
		question: 'plan',
		lang: 'en',
		typed: 'Defence Budget Programme',
		accept: false,
		why: 'another word',
	},
	{ question: 'labour', lang: 'en', typed: 'forced labour', accept: true, why: '-our' },
	{
		question: 'alliance',
		lang: 'en',
		typed: 'North Atlantic Treaty Organisation',
		accept: true,
		why: '-ise/-ize',
	},
	{
		question: 'alliance',
		lang: 'en',
		typed: 'Warsaw Pact',
		accept: false,
		why: 'another alliance',
	},
	{ question: 'posture', lang: 'en', typed: 'Defence Posture', accept: true, why: 'defence' },
	{ question: 'posture', lang: 'en', typed: 'offence posture', accept: false, why: 'another word' },
	{
		question: 'liberalization',
		lang: 'en',
		typed: 'trade liberalisation',
		accept: true,
		why: '-isation/-ization',
	},

	// Singular for plural
	{ question: 'chips', lang: 'en', typed: 'chip', accept: true, why: 'singular' },
	{ question: 'islands', lang: 'en', typed: 'southwestern island', accept: true, why: 'singular' },
	{
		question: 'raa',
		lang: 'en',
		typed: 'reciprocal access agreements',
		accept: true,
		why: 'plural',
	},
	{
		question: 'posture',
		lang: 'en',
		typed: 'defence postures',
		accept: true,
		why: 'spelling and plural',
	},

	// Pinyin is not characters; known wrong answers stay wrong
	{ question: 'chips', lang: 'zh', typed: 'xinpian', accept: false, why: 'pinyin' },
	{ question: 'chips', lang: 'zh', typed: 'xīnpiàn', accept: false, why: 'pinyin with tones' },
	{ question: 'china', lang: 'zh', typed: 'zhongguo', accept: false, why: 'pinyin' },
	{
		question: 'partner',
		lang: 'en',
		typed: 'Australia',
		knownWrong: ['Australia'],
		accept: false,
		why: 'another question’s answer',
	},
	{
		question: 'islands',
		lang: 'en',
		typed: 'northern island',
		knownWrong: ['northern islands'],
		accept: false,
		why: 'another question’s answer, in the singular',
	},
	{
		question: 'islands',
		lang: 'en',
		typed: "Japan's northern islands",
		knownWrong: ['northern islands'],
		accept: false,
		why: 'another question’s answer inside the question’s words',
	},

	// Cloze blanks that accept each other's answers (`{{~…}}`)
	{
		question: 'any-order',
		lang: 'en',
		typed: ['coercion', 'force'],
		accept: true,
		why: 'the two blanks in the other order',
	},
	{
		question: 'any-order',
		lang: 'en',
		typed: ['compulsion', 'force'],
		accept: true,
		why: 'another accepted form, other order',
	},
	{
		question: 'any-order',
		lang: 'zh',
		typed: ['胁迫', '武力'],
		accept: true,
		why: 'the two blanks in the other order',
	},
	{
		question: 'any-order',
		lang: 'en',
		typed: ['force', 'force'],
		accept: false,
		why: 'one answer twice',
	},
	{
		question: 'any-order',
		lang: 'en',
		typed: ['force or coercion', 'coercion'],
		accept: false,
		why: 'a list of guesses in one blank',
	},

	// Bank questions whose listed forms these rules make pass
	{
		question: 'usj23-sec-038',
		blank: 1,
		lang: 'en',
		typed: 'two per cent of GDP',
		accept: true,
		why: 'the same percentage; “of GDP” is the sentence’s next words',
	},
	{
		question: 'usj23-sec-038',
		blank: 0,
		lang: 'en',
		typed: 'one per cent of GDP',
		accept: true,
		why: 'the same percentage; “of GDP” is the sentence’s next words',
	},
	{
		question: 'usj23-sec-038',
		blank: 1,
		lang: 'en',
		typed: '1 %',
		accept: false,
		why: 'the other blank’s percentage',
	},
	{
		question: 'usj23-sec-038',
		blank: 1,
		lang: 'zh',
		typed: '5年',
		accept: true,
		why: '5 = 五, and 年 is the sentence’s next character',
	},
	{
		question: 'seventy',
		blank: 0,
		lang: 'en',
		typed: '70th',
		accept: false,
		why: '70 years is a count',
	},
	{
		question: 'seventy',
		blank: 0,
		lang: 'en',
		typed: 'seventy years',
		accept: true,
		why: '“years” is the sentence’s next word',
	},
	{
		question: 'ukraine',
		blank: 0,
		lang: 'en',
		typed: `Ukr${SOFT_HYPHEN}aine`,
		accept: true,
		why: 'a soft hyphen',
	},
	{
		question: 'ukraine',
		blank: 0,
		lang: 'zh',
		typed: `乌克兰${ZWSP}`,
		accept: true,
		why: 'a zero-width space',
	},
	{ question: 'usj23-dip-016', lang: 'zh', typed: 'zhongguo', accept: false, why: 'pinyin' },
	{ question: 'usj23-dip-016', lang: 'en', typed: 'not China', accept: false, why: 'a negation' },
];
