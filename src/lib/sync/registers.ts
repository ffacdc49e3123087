/**
 * The values that sync as "newest wins", one register per field, so that changing the retention
 * on the phone and the daily limit on the laptop keeps both. A register's key names its field:
 *
 *   deck:<deck>:<field>       a deck option (options.ts), and `fit`: fitted FSRS weights together
 *                             with their reschedule record
 *   card:<card id>:<field>    suspended, buriedUntil, leech, forgottenAt (Forget: replay.ts)
 *   settings:<field>          a setting shared by every deck
 *
 * Fitted weights and the reschedule made with them are one register, not two: separate fields
 * could each be won by a different device's fit, and cards would be rescheduled with a
 * configuration that no device chose. Each value has a strict, bounded schema; the server
 * refuses a register whose key or value does not match.
 */
import * as v from 'valibot';
import { DEFAULT_DECK_OPTIONS, DeckOptions, readDeckOptions, Settings } from '../srs/options.ts';
import { CONFIG_KEY_PATTERN, Steps, SyncTime, Weights } from './bounds.ts';

/** `DeckOptions.weights` and `DeckOptions.rescheduled`, set together by a fit. */
export const Fit = v.strictObject({
	weights: v.optional(Weights),
	rescheduled: v.optional(
		v.strictObject({ config: v.pipe(v.string(), v.regex(CONFIG_KEY_PATTERN)), at: SyncTime }),
	),
});
export type Fit = v.InferOutput<typeof Fit>;

const o = DeckOptions.entries;
const DECK_FIELDS = {
	desiredRetention: o.desiredRetention,
	maximumInterval: o.maximumInterval,
	learningSteps: Steps,
	relearningSteps: Steps,
	newPerDay: o.newPerDay,
	reviewsPerDay: o.reviewsPerDay,
	leechThreshold: o.leechThreshold,
	leechAction: o.leechAction,
	display: o.display,
	fit: Fit,
} as const;

const CARD_FIELDS = {
	suspended: v.boolean(),
	/** A study day number (see study-day.ts); 0 when not buried. */
	buriedUntil: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(1_000_000)),
	leech: v.boolean(),
	/** When the card was forgotten (reset to new, ms); 0 when never. */
	forgottenAt: v.union([v.literal(0), SyncTime]),
} as const;

const SETTINGS_FIELDS = {
	dayStartsAt: Settings.entries.dayStartsAt,
	loadBalance: v.boolean(),
	easyDays: v.nonOptional(Settings.entries.easyDays),
} as const;

export type DeckField = keyof typeof DECK_FIELDS;
export type CardField = keyof typeof CARD_FIELDS;
export type SettingsField = keyof typeof SETTINGS_FIELDS;

export type RegisterKey =
	| { scope: 'deck'; deck: string; field: DeckField }
	| { scope: 'card'; card: string; field: CardField }
	| { scope: 'settings'; field: SettingsField };

/** Deck and card ids as stored: bounded, and free of control characters. */
const ID_PATTERN = /^[^\p{Cc}]{1,200}$/u;
export const MAX_REGISTER_KEY_LENGTH = 240;

export const deckKey = (deck: string, field: DeckField) => `deck:${deck}:${field}`;
export const cardKey = (card: string, field: CardField) => `card:${card}:${field}`;
export const settingsKey = (field: SettingsField) => `settings:${field}`;

/** The id between a prefix and a known field: any id, colons included, reads back whole. */
function between(key: string, prefix: string, fields: object): [string, string] | undefined {
	if (!key.startsWith(prefix)) return undefined;
	const colon = key.lastIndexOf(':');
	const id = key.slice(prefix.length, colon);
	const field = key.slice(colon + 1);
	if (colon < prefix.length || !Object.hasOwn(fields, field) || !ID_PATTERN.test(id)) return;
	return [id, field];
}

export function parseRegisterKey(key: string): RegisterKey | undefined {
	if (key.length > MAX_REGISTER_KEY_LENGTH) return undefined;
	const deck = between(key, 'deck:', DECK_FIELDS);
	if (deck) return { scope: 'deck', deck: deck[0], field: deck[1] as DeckField };
	const card = between(key, 'card:', CARD_FIELDS);
	if (card) return { scope: 'card', card: card[0], field: card[1] as CardField };
	const field = key.slice('settings:'.length);
	if (key.startsWith('settings:') && Object.hasOwn(SETTINGS_FIELDS, field))
		return { scope: 'settings', field: field as SettingsField };
	return undefined;
}

/** Whether `value` may be stored under `key`: the key names a known field and the value fits it. */
export function isValidRegister(key: string, value: unknown): boolean {
	const parsed = parseRegisterKey(key);
	if (!parsed) return false;
	const schema =
		parsed.scope === 'deck'
			? DECK_FIELDS[parsed.field]
			: parsed.scope === 'card'
				? CARD_FIELDS[parsed.field]
				: SETTINGS_FIELDS[parsed.field];
	return v.is(schema, value);
}

/** A deck's options as its registers say, with the defaults for fields never set. */
export function deckOptionsFrom(
	registers: ReadonlyMap<string, { value: unknown }>,
	deck: string,
): DeckOptions {
	const stored: Record<string, unknown> = {};
	for (const field of Object.keys(DECK_FIELDS) as DeckField[]) {
		const register = registers.get(deckKey(deck, field));
		if (register === undefined) continue;
		if (field === 'fit') Object.assign(stored, register.value);
		else stored[field] = register.value;
	}
	return readDeckOptions({ ...DEFAULT_DECK_OPTIONS, ...stored });
}
