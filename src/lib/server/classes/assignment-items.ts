/**
 * The questions of an assignment as the server grades them: built from the built-in banks with
 * the same `buildTest` every student's device runs (see assignmentItems), once per assignment
 * and kept in memory, since the banks do not change while the server runs.
 */
import type { Deck } from '../../bank/validate.ts';
import type { AssignmentQuestions } from '../../classes/assignment-protocol.ts';
import { assignmentDecks, assignmentItems } from '../../classes/assignment-rules.ts';
import type { DeckQuestions, TestItem } from '../../quiz/build-test.ts';

/** A deck of the built-in banks, or undefined ($lib/content/decks's `loadDeck`). */
export type LoadDeck = (bankId: string, deckId: string) => Promise<Deck | undefined>;

/** An assignment's items in the order asked, and each by its question id. */
export interface AssignmentItems {
	items: TestItem[];
	byId: ReadonlyMap<string, TestItem>;
}

/** Far more assignments than a server's classes work on in a day; each is a few KB. */
const KEPT = 2000;

export class AssignmentItemCache {
	readonly #load: LoadDeck;
	readonly #kept = new Map<string, Promise<AssignmentItems>>();

	constructor(load: LoadDeck) {
		this.#load = load;
	}

	/**
	 * The decks as the test asks them, or undefined when a key names no built-in deck (an imported
	 * bank lives on one device only: the server could not grade it).
	 */
	async decks(questions: AssignmentQuestions): Promise<DeckQuestions[] | undefined> {
		const decks = await assignmentDecks(questions, this.#load);
		return decks.length === questions.decks.length ? decks : undefined;
	}

	/** Remembers the items of a new assignment (built when it was set). */
	keep(assignmentId: string, items: TestItem[]): void {
		this.#remember(assignmentId, Promise.resolve(indexed(items)));
	}

	/** The assignment's items, built again from the banks when not kept. */
	items(assignmentId: string, questions: AssignmentQuestions): Promise<AssignmentItems> {
		const kept = this.#kept.get(assignmentId);
		if (kept) {
			this.#remember(assignmentId, kept);
			return kept;
		}
		const built = assignmentDecks(questions, this.#load).then((decks) =>
			indexed(assignmentItems(questions, decks)),
		);
		// A failed load is not kept: the next request tries again.
		built.catch(() => this.#kept.delete(assignmentId));
		this.#remember(assignmentId, built);
		return built;
	}

	forget(assignmentId: string): void {
		this.#kept.delete(assignmentId);
	}

	#remember(assignmentId: string, items: Promise<AssignmentItems>): void {
		this.#kept.delete(assignmentId);
		this.#kept.set(assignmentId, items);
		// Maps keep insertion order: the first key is the one used least recently.
		if (this.#kept.size > KEPT) this.#kept.delete(this.#kept.keys().next().value!);
	}
}

function indexed(items: TestItem[]): AssignmentItems {
	return { items, byId: new Map(items.map((item) => [item.question.id, item])) };
}
