/**
 * Enter in an answer box checks the answer, but never while an input method is composing: the
 * Enter that confirms a half-typed Chinese word belongs to the input method.
 */
export function checksAnswer(e: KeyboardEvent): boolean {
	return e.key === 'Enter' && !e.isComposing && e.keyCode !== 229;
}
