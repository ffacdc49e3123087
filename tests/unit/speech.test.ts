import { describe, expect, it, vi } from 'vitest';
import type { Question } from '../../src/lib/bank/index.ts';
import {
	cardReading,
	plainText,
	shouldAutoRead,
	voiceFor,
	type VoiceInfo,
} from '../../src/lib/speech/reading.ts';
import {
	createSpeaker,
	type SynthesisLike,
	type UtteranceLike,
} from '../../src/lib/speech/speaker.ts';

const voice = (name: string, lang: string, localService = true, isDefault = false): VoiceInfo => ({
	name,
	lang,
	localService,
	default: isDefault,
});

describe('choosing a voice', () => {
	const en = voice('Samantha', 'en-US', true, true);
	const gb = voice('Daniel', 'en-GB');
	const tingting = voice('Tingting', 'zh-CN');
	const meijia = voice('Meijia', 'zh-TW');
	const sinji = voice('Sinji', 'zh-HK');

	it('picks a voice of the language, never one of another', () => {
		expect(voiceFor([en, tingting], 'zh')).toBe(tingting);
		expect(voiceFor([tingting, en], 'en')).toBe(en);
		expect(voiceFor([en, gb], 'zh')).toBeUndefined();
		expect(voiceFor([], 'en')).toBeUndefined();
	});

	it('matches by language, however the engine spells the tag', () => {
		expect(voiceFor([en, voice('Android', 'zh_CN')], 'zh')?.name).toBe('Android');
		expect(voiceFor([voice('Upper', 'ZH-cn')], 'zh')?.name).toBe('Upper');
		expect(voiceFor([voice('Mandarin', 'cmn-Hans-CN')], 'zh')?.name).toBe('Mandarin');
		expect(voiceFor([voice('Plain', 'en')], 'en')?.name).toBe('Plain');
	});

	it('prefers Mandarin from China, then Taiwan, and Cantonese only when nothing else', () => {
		expect(voiceFor([sinji, meijia, tingting], 'zh')).toBe(tingting);
		expect(voiceFor([sinji, meijia], 'zh')).toBe(meijia);
		expect(voiceFor([en, sinji], 'zh')).toBe(sinji);
		expect(voiceFor([gb, en], 'en')).toBe(en);
	});

	it('prefers a local voice to a network one, then the default', () => {
		const online = voice('Google 普通话（中国大陆）', 'zh-CN', false);
		expect(voiceFor([online, tingting], 'zh')).toBe(tingting);
		const a = voice('A', 'en-US', false, false);
		const b = voice('B', 'en-US', false, true);
		expect(voiceFor([a, b], 'en')).toBe(b);
	});
});

describe('what is read', () => {
	const flashcard: Question = {
		id: 'c1',
		type: 'flashcard',
		prompt: { zh: '<b>日美</b>同盟&nbsp;是什么？', en: 'What is the **US-Japan** alliance?' },
		back: { zh: '安全保障条约', en: 'A security treaty' },
		source: { paragraphs: [1] },
	} as Question;
	const cloze = {
		id: 'c2',
		type: 'cloze',
		prompt: { zh: '填空', en: 'Fill in the blank' },
		text: { zh: '首都是{{东京}}。', en: 'The capital is {{Tokyo}}.' },
		source: { paragraphs: [1] },
	} as unknown as Question;

	it('strips markup, entities and Markdown', () => {
		expect(plainText('<p>A&amp;B<br>C</p>')).toBe('A&B C');
		expect(plainText('**bold** and `code` and [a link](https://x.example)')).toBe(
			'bold and code and a link',
		);
		expect(plainText('&#20013;&#x6587;')).toBe('中文');
		expect(plainText('  - an item\n> quoted ')).toBe('an item quoted');
	});

	it("reads the prompt in the deck's prompt language and the answer in its answer language", () => {
		const zhEn = { prompt: 'zh', answer: 'en' } as const;
		expect(cardReading(flashcard, zhEn, 'prompt')).toEqual([
			{ text: '日美同盟 是什么？', lang: 'zh' },
		]);
		expect(cardReading(flashcard, zhEn, 'answer')).toEqual([
			{ text: 'A security treaty', lang: 'en' },
		]);
		const en = { prompt: 'en', answer: 'en' } as const;
		expect(cardReading(flashcard, en, 'prompt')).toEqual([
			{ text: 'What is the US-Japan alliance?', lang: 'en' },
		]);
	});

	it('reads a cloze sentence with a pause for its gap, and the answer only once answered', () => {
		const zh = { prompt: 'zh', answer: 'zh' } as const;
		const prompt = cardReading(cloze, zh, 'prompt');
		expect(prompt.map((r) => r.text)).toEqual(['填空', '首都是…。']);
		expect(prompt.some((r) => r.text.includes('东京'))).toBe(false);
		expect(cardReading(cloze, zh, 'answer')).toEqual([{ text: '首都是东京。', lang: 'zh' }]);
	});

	it('reads nothing for a side with no words', () => {
		const blank = { ...flashcard, prompt: { zh: '<img src="x.png">', en: ' ' } } as Question;
		expect(cardReading(blank, { prompt: 'zh', answer: 'zh' }, 'prompt')).toEqual([]);
	});
});

describe('reading a card by itself', () => {
	const base = { enabled: true, reducedMotion: false, showing: 'c1:s1', lastRead: undefined };

	it('reads a new showing when the option is on', () => {
		expect(shouldAutoRead(base)).toBe(true);
		expect(shouldAutoRead({ ...base, lastRead: 'c0:s0' })).toBe(true);
	});

	it('never with the option off, with reduced motion, or twice for one showing', () => {
		expect(shouldAutoRead({ ...base, enabled: false })).toBe(false);
		expect(shouldAutoRead({ ...base, reducedMotion: true })).toBe(false);
		expect(shouldAutoRead({ ...base, lastRead: 'c1:s1' })).toBe(false);
	});
});

/** A fake speech synthesis: voices given or loaded later, and what was spoken. */
function fakeSynth(initial: VoiceInfo[]) {
	let voices = initial;
	const listeners = new Set<() => void>();
	const spoken: UtteranceLike[] = [];
	let cancels = 0;
	const synth: SynthesisLike = {
		getVoices: () => voices,
		speak: (u) => void spoken.push(u),
		cancel: () => void cancels++,
		addEventListener: (_, l) => void listeners.add(l),
		removeEventListener: (_, l) => void listeners.delete(l),
	};
	return {
		synth,
		spoken,
		cancels: () => cancels,
		load(list: VoiceInfo[]) {
			voices = list;
			for (const l of listeners) l();
		},
	};
}

const utterance = (text: string): UtteranceLike => ({ text, lang: '', voice: null });

describe('the speaker', () => {
	const zhVoice = voice('Tingting', 'zh-CN');
	const enVoice = voice('Samantha', 'en-US');

	it('reads each stretch with its language set and its own voice, after cancelling', async () => {
		const fake = fakeSynth([enVoice, zhVoice]);
		const speaker = createSpeaker({ synth: fake.synth, utterance, onmissing: vi.fn() });
		await speaker.speak([
			{ text: '你好', lang: 'zh' },
			{ text: 'hello', lang: 'en' },
		]);
		expect(fake.cancels()).toBe(1);
		expect(fake.spoken).toEqual([
			{ text: '你好', lang: 'zh-CN', voice: zhVoice },
			{ text: 'hello', lang: 'en-US', voice: enVoice },
		]);
	});

	it('waits for voices that load later', async () => {
		const fake = fakeSynth([]);
		const speaker = createSpeaker({ synth: fake.synth, utterance, onmissing: vi.fn() });
		const done = speaker.speak([{ text: '你好', lang: 'zh' }]);
		fake.load([zhVoice]);
		await done;
		expect(fake.spoken.map((u) => u.voice)).toEqual([zhVoice]);
	});

	it('says once that no voice reads Chinese, and never reads it with an English voice', async () => {
		const fake = fakeSynth([enVoice]);
		const onmissing = vi.fn();
		const speaker = createSpeaker({ synth: fake.synth, utterance, onmissing });
		const card = [
			{ text: '你好', lang: 'zh' },
			{ text: 'hello', lang: 'en' },
		] as const;
		await speaker.speak(card);
		await speaker.speak(card);
		expect(onmissing.mock.calls).toEqual([['zh']]);
		expect(fake.spoken.map((u) => u.text)).toEqual(['hello', 'hello']);
	});

	it('stopping while the voices load says nothing afterwards', async () => {
		const fake = fakeSynth([]);
		const speaker = createSpeaker({ synth: fake.synth, utterance, onmissing: vi.fn() });
		const done = speaker.speak([{ text: 'late', lang: 'en' }]);
		speaker.stop();
		fake.load([enVoice]);
		await done;
		expect(fake.spoken).toEqual([]);
		expect(fake.cancels()).toBe(2);
	});

	it('gives up waiting when no voice list ever comes', async () => {
		const fake = fakeSynth([]);
		const onmissing = vi.fn();
		const speaker = createSpeaker({ synth: fake.synth, utterance, onmissing, voicesWaitMs: 5 });
		await speaker.speak([{ text: 'x', lang: 'en' }]);
		expect(onmissing).toHaveBeenCalledWith('en');
		speaker.dispose();
	});
});
