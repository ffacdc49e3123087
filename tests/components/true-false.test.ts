import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import TrueFalse from '$lib/components/answer/TrueFalse.svelte';
import { truefalse } from './questions';

const props = (extra = {}) => ({
	question: truefalse,
	lang: 'en' as const,
	answered: false,
	onsubmit: vi.fn(),
	...extra,
});

describe('a true/false question', () => {
	it('answers with the button clicked', async () => {
		const p = props();
		const screen = await render(TrueFalse, p);
		await screen.getByRole('button', { name: /False/ }).click();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'truefalse', value: false });
		await expect
			.element(screen.getByRole('button', { name: /False/ }))
			.toHaveAttribute('aria-pressed', 'true');
	});

	it('answers from the keyboard: key 1 for True, 2 for False, Space on a focused button', async () => {
		const p = props();
		const screen = await render(TrueFalse, p);
		screen.component.pick(0);
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'truefalse', value: true });
		screen.component.pick(1);
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'truefalse', value: false });
		screen.component.pick(2);
		expect(p.onsubmit).toHaveBeenCalledTimes(2);
		await userEvent.keyboard('{Tab} ');
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'truefalse', value: true });
	});

	it('shows an answer already given as it was given: the wrong pick and the right one marked', async () => {
		const p = props({ answered: true, given: { type: 'truefalse', value: true } });
		const screen = await render(TrueFalse, p);
		const yes = screen.getByRole('button', { name: /True/ });
		const no = screen.getByRole('button', { name: /False/ });
		await expect.element(yes).toHaveAttribute('aria-pressed', 'true');
		await expect.element(yes).toHaveClass('wrong');
		await expect.element(no).toHaveClass('right');
		// In words too, not by colour alone: a screen reader reads them with the button.
		await expect.element(yes).toHaveAccessibleName(/True.*Your choice: wrong/);
		await expect.element(no).toHaveAccessibleName(/False.*Answer/);
		await expect.element(yes).toBeDisabled();
		expect(screen.component.currentAnswer()).toEqual({ type: 'truefalse', value: true });
		screen.component.pick(1);
		expect(p.onsubmit).not.toHaveBeenCalled();
	});
});
