/**
 * Enter in an answer box checks the answer, but never while an input method is composing: the
 * Enter that confirms a half-typed Chinese word belongs to the input method.
 */
export function checksAnswer(e: KeyboardEvent): boolean {
	return e.key === 'Enter' && !e.isComposing && e.keyCode !== 229;
}

/**
 * Up and down arrows move the focus to the next or previous control of a list of options,
 * round from the last to the first; other keys are left alone.
 */
export function moveFocusByArrow(e: KeyboardEvent, list: HTMLElement | undefined) {
	if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !list) return;
	const controls = [...list.querySelectorAll<HTMLElement>('button, input')];
	const at = controls.indexOf(e.currentTarget as HTMLElement);
	if (at < 0) return;
	e.preventDefault();
	controls[(at + (e.key === 'ArrowDown' ? 1 : -1) + controls.length) % controls.length].focus();
}
