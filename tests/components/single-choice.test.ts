import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SingleChoice from '$lib/components/answer/SingleChoice.svelte';
import { asListed, single } from './questions';

const props = (extra = {}) => ({
	question: single,
	choices: asListed(single),
	lang: 'en' as const,
	answered: false,
	onsubmit: vi.fn(),
	...extra,
});

describe('a single-choice question', () => {
	it('answers with the option clicked, named by its place on screen', async () => {
		const p = props({ choices: asListed(single).reverse() });
		const screen = await render(SingleChoice, p);
		await screen.getByRole('button', { name: /Tokyo/ }).click();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'single', choice: 3 });
		await expect
			.element(screen.getByRole('button', { name: /Tokyo/ }))
			.toHaveAttribute('aria-pressed', 'true');
	});

	it('answers from the keyboard: Tab to an option and press Space, or the option’s number', async () => {
		const p = props();
		const screen = await render(SingleChoice, p);
		await userEvent.keyboard('{Tab}{Tab}');
		await expect.element(screen.getByRole('button', { name: /Osaka/ })).toHaveFocus();
		await userEvent.keyboard(' ');
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'single', choice: 1 });
		screen.component.pick(2);
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'single', choice: 2 });
		expect(screen.getByRole('button', { name: /Osaka/ })).toHaveAttribute('aria-keyshortcuts', '2');
	});

	it('moves the focus between options with the up and down arrows, round the ends', async () => {
		const screen = await render(SingleChoice, props());
		await userEvent.keyboard('{Tab}');
		await expect.element(screen.getByRole('button', { name: /Tokyo/ })).toHaveFocus();
		await userEvent.keyboard('{ArrowDown}{ArrowDown}');
		await expect.element(screen.getByRole('button', { name: /Kyoto/ })).toHaveFocus();
		await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
		await expect.element(screen.getByRole('button', { name: /Sapporo/ })).toHaveFocus();
	});

	it('ignores a number past the last option', async () => {
		const p = props();
		const screen = await render(SingleChoice, p);
		screen.component.pick(4);
		expect(p.onsubmit).not.toHaveBeenCalled();
		expect(screen.component.currentAnswer()).toBeNull();
	});

	it('once checked, marks the right option as the answer and a wrong pick as the learner’s', async () => {
		const p = props();
		const screen = await render(SingleChoice, p);
		await screen.getByRole('button', { name: /Kyoto/ }).click();
		await screen.rerender({ answered: true });
		await expect
			.element(screen.getByRole('button', { name: /Tokyo/ }))
			.toHaveTextContent('→ Answer');
		await expect
			.element(screen.getByRole('button', { name: /Kyoto/ }))
			.toHaveTextContent('✗ Your choice: wrong');
		await expect.element(screen.getByRole('button', { name: /Osaka/ })).not.toHaveTextContent('✗');
		for (const button of screen.getByRole('button').all())
			await expect.element(button).toBeDisabled();
		screen.component.pick(0);
		expect(p.onsubmit).toHaveBeenCalledOnce();
	});

	it('shows an answer already given as it was given, marked', async () => {
		const screen = await render(
			SingleChoice,
			props({ answered: true, given: { type: 'single', choice: 1 } }),
		);
		const osaka = screen.getByRole('button', { name: /Osaka/ });
		await expect.element(osaka).toHaveAttribute('aria-pressed', 'true');
		await expect.element(osaka).toHaveClass('wrong');
		await expect.element(screen.getByRole('button', { name: /Tokyo/ })).toHaveClass('right');
		expect(screen.component.currentAnswer()).toEqual({ type: 'single', choice: 1 });
	});

	it('shows the options in the language answered in', async () => {
		const screen = await render(SingleChoice, props({ lang: 'zh' }));
		await expect.element(screen.getByRole('button', { name: /东京/ })).toBeVisible();
	});
});
