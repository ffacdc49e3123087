import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ShortAnswer from '$lib/components/answer/ShortAnswer.svelte';
import { short } from './questions';

const props = (extra = {}) => ({
	question: short,
	lang: 'en' as const,
	answered: false,
	onsubmit: vi.fn(),
	...extra,
});

describe('a short-answer question', () => {
	it('checks what is typed when Enter is pressed in the box', async () => {
		const p = props();
		const screen = await render(ShortAnswer, p);
		const box = screen.getByRole('textbox', { name: 'Your answer' });
		await expect.element(box).toHaveFocus();
		await userEvent.keyboard('nato{Enter}');
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'short', text: 'nato' });
	});

	it('checks what is typed when Check is clicked, an empty box as an empty answer', async () => {
		const p = props();
		const screen = await render(ShortAnswer, p);
		expect(screen.component.currentAnswer()).toBeNull();
		await screen.getByRole('button', { name: 'Check' }).click();
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'short', text: '' });
		await screen.getByRole('textbox').fill('North Atlantic');
		expect(screen.component.currentAnswer()).toEqual({ type: 'short', text: 'North Atlantic' });
		await screen.getByRole('button', { name: 'Check' }).click();
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'short', text: 'North Atlantic' });
	});

	it('leaves Enter to an input method that is composing', async () => {
		const p = props();
		const screen = await render(ShortAnswer, p);
		await screen.getByRole('textbox').fill('北');
		const composing = new KeyboardEvent('keydown', {
			key: 'Enter',
			isComposing: true,
			bubbles: true,
		});
		screen.getByRole('textbox').element().dispatchEvent(composing);
		expect(p.onsubmit).not.toHaveBeenCalled();
		expect(composing.defaultPrevented).toBe(false);
	});

	it('takes the caret when asked, so typing goes to the box and not to the screen’s shortcuts', async () => {
		const screen = await render(ShortAnswer, props());
		(document.activeElement as HTMLElement).blur();
		expect(screen.component.focusTyping()).toBe(true);
		await expect.element(screen.getByRole('textbox')).toHaveFocus();
	});

	it('shows an answer already given in a box that can no longer change or take the caret', async () => {
		const p = props({ answered: true, given: { type: 'short', text: 'Nato' }, describedby: 'q' });
		const screen = await render(ShortAnswer, p);
		const box = screen.getByRole('textbox');
		await expect.element(box).toHaveValue('Nato');
		await expect.element(box).toBeDisabled();
		await expect.element(box).toHaveAttribute('aria-describedby', 'q');
		expect(screen.getByRole('button', { name: 'Check' }).query()).toBeNull();
		expect(screen.component.focusTyping()).toBe(false);
		screen.component.submit();
		expect(p.onsubmit).not.toHaveBeenCalled();
	});
});
