/**
 * A page's speaker: made once the page runs in the browser (the server has no speech), gone with
 * the page, with the note saying once that no installed voice speaks a language. The study
 * screen and the practice test read their cards through one each.
 */
import { m } from '$lib/paraglide/messages';
import { browserSpeaker, type Speaker } from './speaker.ts';

const NO_VOICE = { zh: m.speech_no_voice_zh, en: m.speech_no_voice_en };

export interface PageSpeaker {
	/** Undefined without speech synthesis: no button, and the R key does nothing. */
	readonly speaker: Speaker | undefined;
	/** "No Chinese voice on this device…", once; empty until then. */
	readonly note: string;
}

/** Call while a component initialises (it runs an effect). */
export function pageSpeaker(): PageSpeaker {
	let speaker = $state<Speaker | undefined>();
	let note = $state('');
	$effect(() => {
		const made = browserSpeaker((lang) => (note = NO_VOICE[lang]()));
		speaker = made;
		return () => made?.dispose();
	});
	return {
		get speaker() {
			return speaker;
		},
		get note() {
			return note;
		},
	};
}
