/**
 * The browser's speech synthesis, behind a small interface so a test can hand in a fake: reads
 * readings in their own voices, stops, and tells once per language that no voice speaks it.
 */
import type { ContentLocale } from '../bank/schema.ts';
import { SPEECH_LANG, voiceFor, type Reading, type VoiceInfo } from './reading.ts';

/** The part of `SpeechSynthesis` Kioku uses. */
export interface SynthesisLike {
	getVoices(): VoiceInfo[];
	speak(utterance: UtteranceLike): void;
	cancel(): void;
	addEventListener(type: 'voiceschanged', listener: () => void): void;
	removeEventListener(type: 'voiceschanged', listener: () => void): void;
}

/** The part of `SpeechSynthesisUtterance` Kioku sets. */
export interface UtteranceLike {
	text: string;
	lang: string;
	voice: VoiceInfo | null;
}

export interface SpeakerOptions {
	synth: SynthesisLike;
	utterance: (text: string) => UtteranceLike;
	/** No installed voice speaks `lang`: called once per language for the speaker's life. */
	onmissing: (lang: ContentLocale) => void;
	/**
	 * How long to wait for the voice list when it is still empty. Chrome fills it only after
	 * `voiceschanged`; Safari fills it at once and may never fire the event.
	 */
	voicesWaitMs?: number;
}

export interface Speaker {
	/** Stops what is being read and reads `readings` in order. */
	speak(readings: readonly Reading[]): Promise<void>;
	/** Stops reading (the card was left). */
	stop(): void;
	dispose(): void;
}

export function createSpeaker(options: SpeakerOptions): Speaker {
	const { synth, utterance, onmissing, voicesWaitMs = 1500 } = options;
	const told = new Set<ContentLocale>();
	// A newer speak or a stop while the voices load makes an older speak say nothing.
	let generation = 0;
	let waiters: (() => void)[] = [];
	const onchange = () => {
		const ready = waiters;
		waiters = [];
		for (const resolve of ready) resolve();
	};
	synth.addEventListener('voiceschanged', onchange);

	async function voices(): Promise<VoiceInfo[]> {
		const now = synth.getVoices();
		if (now.length > 0) return now;
		await new Promise<void>((resolve) => {
			waiters.push(resolve);
			setTimeout(resolve, voicesWaitMs);
		});
		return synth.getVoices();
	}

	function stop() {
		generation++;
		synth.cancel();
	}

	return {
		async speak(readings) {
			const mine = ++generation;
			synth.cancel();
			const list = await voices();
			if (mine !== generation) return;
			for (const reading of readings) {
				const voice = voiceFor(list, reading.lang);
				if (!voice) {
					if (!told.has(reading.lang)) {
						told.add(reading.lang);
						onmissing(reading.lang);
					}
					continue;
				}
				const u = utterance(reading.text);
				u.lang = SPEECH_LANG[reading.lang];
				u.voice = voice;
				synth.speak(u);
			}
		},
		stop,
		dispose() {
			stop();
			synth.removeEventListener('voiceschanged', onchange);
			onchange();
		},
	};
}

/**
 * The browser's speaker, or undefined where there is no speech synthesis (an old browser, the
 * server): the screens then show no speaker button and no reading option.
 */
export function browserSpeaker(onmissing: SpeakerOptions['onmissing']): Speaker | undefined {
	if (!speechAvailable()) return undefined;
	return createSpeaker({
		synth: globalThis.speechSynthesis as unknown as SynthesisLike,
		utterance: (text) => new globalThis.SpeechSynthesisUtterance(text) as unknown as UtteranceLike,
		onmissing,
	});
}

export function speechAvailable(): boolean {
	return (
		typeof globalThis.speechSynthesis !== 'undefined' &&
		typeof globalThis.SpeechSynthesisUtterance === 'function'
	);
}
