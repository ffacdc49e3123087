/**
 * A deck's study options, validated with the same schema library as the banks so options read
 * back from storage or a backup are checked at one border.
 */
import * as v from 'valibot';
import { EASY_DAY_LEVELS, NORMAL_WEEK, type EasyDays } from './load-balance.ts';

const Step = v.pipe(
	v.string(),
	v.regex(/^\d+(?:\.\d+)?[mhd]$/, 'a step is like 1m, 10m, 1h or 1d'),
);

export const DISPLAY_MODES = ['zh', 'en', 'zh-en', 'en-zh'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

export const DeckOptions = v.strictObject({
	desiredRetention: v.pipe(v.number(), v.minValue(0.7), v.maxValue(0.99)),
	maximumInterval: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36500)),
	learningSteps: v.array(Step),
	relearningSteps: v.array(Step),
	newPerDay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999)),
	reviewsPerDay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99999)),
	leechThreshold: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99)),
	leechAction: v.picklist(['tag', 'suspend']),
	/** `zh-en`: prompt in Chinese, answer in English; the review history is the same in every mode. */
	display: v.picklist(DISPLAY_MODES),
	/**
	 * Read each card's prompt aloud when it appears (off when absent). Kept on this device and not
	 * synced: whether reading aloud suits depends on the device (its voices, a speaker or none).
	 */
	autoRead: v.optional(v.boolean()),
	/** FSRS weights fitted to this learner (issue 7); the defaults of ts-fsrs when absent. */
	weights: v.optional(v.array(v.number())),
	/**
	 * The deck's cards were rescheduled at `at` (ms) with the configuration `config`: every review
	 * up to then is replayed with it, whatever configuration it was made with (see replay.ts).
	 */
	rescheduled: v.optional(v.strictObject({ config: v.string(), at: v.number() })),
});
export type DeckOptions = v.InferOutput<typeof DeckOptions>;

export const DEFAULT_DECK_OPTIONS: DeckOptions = {
	desiredRetention: 0.9,
	maximumInterval: 36500,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	newPerDay: 20,
	reviewsPerDay: 200,
	leechThreshold: 8,
	leechAction: 'tag',
	display: 'zh',
	weights: undefined,
	rescheduled: undefined,
};

/** Options as stored, or the defaults where a field is missing or invalid (never throws). */
export function readDeckOptions(stored: unknown): DeckOptions {
	const merged = {
		...DEFAULT_DECK_OPTIONS,
		...(stored && typeof stored === 'object' ? stored : {}),
	};
	const result = v.safeParse(DeckOptions, merged);
	return result.success ? result.output : { ...DEFAULT_DECK_OPTIONS };
}

/** Settings shared by every deck. */
export const Settings = v.strictObject({
	/** Local hour at which a new study day starts, so a late-night session counts for the right day. */
	dayStartsAt: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
	/**
	 * Even out the daily reviews (load-balance.ts); on unless turned off, as in Anki. Optional,
	 * like `easyDays`, so settings stored and backed up before they existed stay valid.
	 */
	loadBalance: v.optional(v.boolean()),
	/** Each weekday's share of reviews, Sunday first: "normal", "reduced" or "minimum". */
	easyDays: v.optional(v.pipe(v.array(v.picklist(EASY_DAY_LEVELS)), v.length(7))),
});
export type Settings = v.InferOutput<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = {
	dayStartsAt: 4,
	loadBalance: true,
	easyDays: [...NORMAL_WEEK],
};

/** The easy days a study session balances with, or undefined when balancing is off. */
export function balancing(settings: Settings): EasyDays | undefined {
	return settings.loadBalance === false ? undefined : (settings.easyDays ?? NORMAL_WEEK);
}

/** The language of a card's prompt and of its answer side in each display mode. */
export function displayLanguages(mode: DisplayMode): { prompt: 'zh' | 'en'; answer: 'zh' | 'en' } {
	switch (mode) {
		case 'zh-en':
			return { prompt: 'zh', answer: 'en' };
		case 'en-zh':
			return { prompt: 'en', answer: 'zh' };
		default:
			return { prompt: mode, answer: mode };
	}
}
