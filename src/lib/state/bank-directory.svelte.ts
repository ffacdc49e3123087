/**
 * The bank a question belongs to, by bank id, for labels that need it (tag titles, paragraph
 * summaries, whether the bank has an article at all). Built-in banks are bundled and answer at
 * once; imported ones are read from IndexedDB once, then the labels update.
 */
import type { BankSummary } from '$lib/bank';
import { findBank, importedCatalog } from '$lib/content/decks';

class BankDirectory {
	#imported = $state<readonly BankSummary[] | undefined>();
	#loading = false;

	get(bankId: string): BankSummary | undefined {
		const builtIn = findBank(bankId);
		if (builtIn) return builtIn;
		if (!this.#imported && !this.#loading) {
			this.#loading = true;
			void importedCatalog().then((banks) => (this.#imported = banks));
		}
		return this.#imported?.find((b) => b.id === bankId);
	}

	/** A bank was imported or deleted: read the imported ones again when next asked. */
	forget() {
		this.#imported = undefined;
		this.#loading = false;
	}
}

// Only the browser ever reads imported banks (`importedCatalog` gives none on the server), so
// this one directory is never shared between users.
export const bankDirectory = new BankDirectory();
