/**
 * The server's answers to the class endpoints as schemas: the pages check each answer against
 * them before reading it (a server of another version, a proxy's error page).
 */
import * as v from 'valibot';
import type {
	ClassErrorCode,
	ClassGameSummary,
	ClassRoster,
	ClassSummary,
	SeatSummary,
	SeatView,
} from './protocol.ts';
import type { ClassMastery } from './class-mastery.ts';

const summaryEntries = {
	id: v.string(),
	name: v.string(),
	code: v.string(),
	joiningOpen: v.boolean(),
	students: v.number(),
	createdAt: v.number(),
};

export const ClassSummarySchema = v.object(summaryEntries);
export const SeatSummarySchema = v.object({
	id: v.string(),
	name: v.string(),
	joinedAt: v.number(),
	linked: v.boolean(),
});
export const ClassRosterSchema = v.object({
	...summaryEntries,
	seats: v.array(SeatSummarySchema),
});
export const SeatViewSchema = v.object({
	seatId: v.string(),
	classId: v.string(),
	className: v.string(),
	teacherName: v.string(),
	name: v.string(),
	joinedAt: v.number(),
	linked: v.boolean(),
});

export const ClassList = v.object({ classes: v.array(ClassSummarySchema) });
export const OneClass = v.object({ class: ClassSummarySchema });
export const OneRoster = v.object({ class: ClassRosterSchema });
export const OneSeat = v.object({ seat: SeatSummarySchema });
export const Joined = v.object({ token: v.string(), seat: SeatViewSchema });
export const MySeats = v.object({ seats: v.array(SeatViewSchema) });
export const MySeat = v.object({ seat: SeatViewSchema });
export const Done = v.object({ ok: v.literal(true) });

const masteryGroup = {
	answers: v.number(),
	students: v.number(),
	questions: v.number(),
	share: v.number(),
};
export const ClassMasterySchema = v.object({
	byParagraph: v.array(v.object({ bank: v.string(), paragraph: v.number(), ...masteryGroup })),
	byTag: v.array(v.object({ tag: v.string(), ...masteryGroup })),
});
export const OneMastery = v.object({ mastery: ClassMasterySchema });

export const ClassGameSummarySchema = v.object({
	id: v.string(),
	code: v.string(),
	decks: v.array(v.string()),
	questions: v.number(),
	playedAt: v.number(),
	endedAt: v.number(),
	students: v.array(
		v.object({
			seatId: v.string(),
			name: v.string(),
			answered: v.number(),
			right: v.number(),
			points: v.number(),
		}),
	),
	absent: v.array(v.string()),
});
export const ClassGames = v.object({ games: v.array(ClassGameSummarySchema) });

const CODES = [
	'signed-out',
	'no-seat',
	'bad-origin',
	'bad-request',
	'name-empty',
	'not-found',
	'joining-closed',
	'class-full',
	'too-many-classes',
	'too-many-attempts',
] as const satisfies readonly ClassErrorCode[];
export const ClassRefusal = v.object({ error: v.picklist(CODES) });

// The schemas describe exactly the protocol's types: a change to one that the other lacks fails
// the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const schemasMatchProtocol: [
	Same<v.InferOutput<typeof ClassSummarySchema>, ClassSummary>,
	Same<v.InferOutput<typeof SeatSummarySchema>, SeatSummary>,
	Same<v.InferOutput<typeof ClassRosterSchema>, ClassRoster>,
	Same<v.InferOutput<typeof SeatViewSchema>, SeatView>,
	Same<(typeof CODES)[number], ClassErrorCode>,
	Same<v.InferOutput<typeof ClassMasterySchema>, ClassMastery>,
	Same<v.InferOutput<typeof ClassGameSummarySchema>, ClassGameSummary>,
] = [true, true, true, true, true, true, true];
