/**
 * Reading a card aloud, the parts that need no browser: which installed voice speaks a language,
 * what text a card side is read as and in which language, and when a card is read by itself.
 */
import { clozeWithGaps, parseCloze } from '../bank/cloze.ts';
import { answerText } from '../bank/question-text.ts';
import type { ContentLocale, Question } from '../bank/schema.ts';
import { htmlToText } from '../bank/exchange/html-to-text.ts';

/**
 * The utterance's `lang` for each content language. Android's engine ignores a chosen voice and
 * reads with the default one unless `lang` is set too, so it is always set.
 */
export const SPEECH_LANG: Record<ContentLocale, string> = { zh: 'zh-CN', en: 'en-US' };

/** What Kioku reads of a `SpeechSynthesisVoice`, so lists can be written in tests. */
export interface VoiceInfo {
	name: string;
	lang: string;
	localService: boolean;
	default: boolean;
}

/** `zh_CN`, `ZH-cn` and `zh-CN` are the same tag: engines spell it differently. */
const tag = (lang: string) => lang.trim().replace(/_/g, '-').toLowerCase();

/**
 * How well a voice fits `lang`, 0 when it does not speak it. Mandarin from China first, then
 * Mandarin from Taiwan; a Hong Kong voice (`zh-HK`) speaks Cantonese, so it comes last, still
 * better than no Chinese at all. For English, en-US first and then any other English.
 */
function fit(voice: VoiceInfo, lang: ContentLocale): number {
	const [primary, region = ''] = tag(voice.lang).split('-');
	if (lang === 'en') return primary !== 'en' ? 0 : region === 'us' ? 3 : 2;
	if (primary === 'cmn') return 3;
	if (primary !== 'zh') return 0;
	if (region === 'hk' || region === 'yue' || region === 'mo') return 1;
	return region === 'cn' || region === 'hans' || region === '' ? 3 : 2;
}

/**
 * The installed voice that reads `lang` best, or undefined when none speaks it (never a voice of
 * another language: an English voice reading Chinese says nothing a learner can use). Among
 * equally fitting voices a local one is preferred (it works offline and starts at once), then
 * the system's default.
 */
export function voiceFor<V extends VoiceInfo>(voices: readonly V[], lang: ContentLocale) {
	let best: V | undefined;
	let bestScore = 0;
	for (const voice of voices) {
		const f = fit(voice, lang);
		if (f === 0) continue;
		const score = f * 4 + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
		if (score > bestScore) [best, bestScore] = [voice, score];
	}
	return best;
}

/**
 * Text as it is heard: without HTML tags or entities (imported Anki cards carry them), Markdown
 * emphasis and code marks, or a link's address; only the words stay.
 */
export function plainText(text: string): string {
	// The HTML as the importer reads it (bank/exchange), then the Markdown marks, on one line.
	return htmlToText(text)
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/(\*\*|__|\*|`|~~)/g, '')
		.replace(/^\s*(#+|>|[-+]\s)\s*/gm, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** One stretch of text to read, with the language of the voice that reads it. */
export interface Reading {
	text: string;
	lang: ContentLocale;
}

/** A card's two sides: what it asks, and once answered, its right answer. */
export type Side = 'prompt' | 'answer';

/**
 * What is read of a card's side, in the languages the deck shows it in (`langs`, as
 * `displayLanguages` gives them: a `zh-en` deck asks in Chinese and answers in English, and each
 * is read by its own voice). The prompt side is the prompt, and for a cloze the sentence with
 * its gaps (its prompt is only the instruction); gaps are read as a pause, never as the answer.
 * The answer side is the right answer in words (`answerText`): a flashcard's back, the right
 * option, the filled sentence.
 */
export function cardReading(
	q: Question,
	langs: { prompt: ContentLocale; answer: ContentLocale },
	side: Side,
): Reading[] {
	const readings: Reading[] =
		side === 'prompt'
			? [{ text: q.prompt[langs.prompt], lang: langs.prompt }]
			: [{ text: answerText(q, langs.answer), lang: langs.answer }];
	if (side === 'prompt' && q.type === 'cloze') {
		const parsed = parseCloze(q.text[langs.answer]);
		if (parsed.ok) readings.push({ text: clozeWithGaps(parsed.value, '…'), lang: langs.answer });
	}
	return readings
		.map((r) => ({ ...r, text: plainText(r.text) }))
		.filter((r) => /[\p{L}\p{N}]/u.test(r.text));
}

/**
 * Whether a card shown now is read by itself: only with the deck's option on, never when the
 * learner asks for less motion (a screen reader user reading the card themselves would hear it
 * twice), and never a second time for the same showing (`showing`: the card and this showing's
 * seed; the screen redraws a card when its phase or the deck's options change).
 */
export function shouldAutoRead(p: {
	enabled: boolean;
	reducedMotion: boolean;
	showing: string;
	lastRead: string | undefined;
}): boolean {
	return p.enabled && !p.reducedMotion && p.showing !== p.lastRead;
}
