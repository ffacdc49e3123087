// The catalog every page carries: home counts a deck's new cards from it, and sync keeps pulled
// banks off the built-in question ids with it, neither loading a deck's questions.
import { describe, expect, it } from 'vitest';
import { loadBankTree } from '../../scripts/bank-tree.ts';
import { summarizeBanks } from '../../src/lib/bank/index.ts';

const shipped = loadBankTree('questions');

describe('the catalog of banks', () => {
	const catalog = summarizeBanks(shipped.banks);

	it("lists each deck's question ids in deck order, as the deck holds them", () => {
		for (const bank of shipped.banks)
			for (const deck of bank.decks) {
				const summary = catalog.find((b) => b.id === bank.id)!.decks.find((d) => d.id === deck.id)!;
				expect(summary.questionIds).toEqual(deck.questions.map((q) => q.id));
				expect(summary.questionCount).toBe(deck.questions.length);
			}
	});

	it('holds no question text: it stays small enough to ship with every page', () => {
		const json = JSON.stringify(catalog);
		const question = shipped.banks[0].decks[0].questions[0];
		expect(json).not.toContain(question.explanation.en);
		expect(json).not.toContain(question.prompt.en);
		expect(json.length).toBeLessThan(30_000);
	});
});
