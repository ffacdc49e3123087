/**
 * The browser's own "Please match the requested format" follows its interface language, not the
 * page's: spread on an input, this makes the field say what it wants in the page's language.
 */
export function fieldMessage(message: () => string) {
	return {
		oninvalid: (e: Event) => (e.currentTarget as HTMLInputElement).setCustomValidity(message()),
		oninput: (e: Event) => (e.currentTarget as HTMLInputElement).setCustomValidity(''),
	};
}
