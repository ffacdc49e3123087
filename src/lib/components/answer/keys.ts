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

/**
 * The keys of a test question on screen (a practice test, homework): 1–5 pick an option, except
 * while typing in a text box; Enter checks the answer as it stands, unless a text box, a list or
 * a button takes it (a ticked checkbox is not a text box: Enter there checks the answer).
 */
export function onTestQuestionKey(
	e: KeyboardEvent,
	answer: { pick(index: number): void; submit(): void },
): void {
	if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
	const target = e.target instanceof HTMLElement ? e.target : undefined;
	if (/^[1-5]$/.test(e.key) && !(target instanceof HTMLInputElement && target.type === 'text')) {
		answer.pick(Number(e.key) - 1);
	} else if (
		e.key === 'Enter' &&
		!target?.closest('input:not([type="checkbox"]), textarea, select, button')
	) {
		e.preventDefault();
		answer.submit();
	}
}

/**
 * R reads the card aloud, except while typing in a text box (where it is a letter of the
 * answer) or with a modifier (Ctrl+R reloads the page).
 */
export function readsAloud(e: KeyboardEvent): boolean {
	if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return false;
	if (e.key !== 'r' && e.key !== 'R') return false;
	const target = e.target instanceof HTMLElement ? e.target : undefined;
	return !target?.closest('input[type="text"], textarea, [contenteditable="true"]');
}
