import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MultipleChoice from '$lib/components/answer/MultipleChoice.svelte';
import { asListed, multi } from './questions';

const props = (extra = {}) => ({
	question: multi,
	choices: asListed(multi),
	lang: 'en' as const,
	answered: false,
	onsubmit: vi.fn(),
	...extra,
});

describe('a multiple-choice question', () => {
	it('ticks options by a click and checks the ones ticked, by their place on screen', async () => {
		const p = props();
		const screen = await render(MultipleChoice, p);
		await screen.getByRole('checkbox', { name: 'Brazil' }).click();
		await screen.getByRole('checkbox', { name: 'United States' }).click();
		await screen.getByRole('checkbox', { name: 'Japan' }).click();
		await screen.getByRole('checkbox', { name: 'Japan' }).click();
		expect(p.onsubmit).not.toHaveBeenCalled();
		await screen.getByRole('button', { name: 'Check' }).click();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'multi', choices: [0, 3] });
	});

	it('ticks from the keyboard (Space on a box, or the option’s number) and checks with Enter on Check', async () => {
		const p = props();
		const screen = await render(MultipleChoice, p);
		await userEvent.keyboard('{Tab}{Tab} ');
		await expect.element(screen.getByRole('checkbox', { name: 'Japan' })).toBeChecked();
		screen.component.pick(2);
		await expect.element(screen.getByRole('checkbox', { name: 'France' })).toBeChecked();
		screen.component.pick(2);
		await expect.element(screen.getByRole('checkbox', { name: 'France' })).not.toBeChecked();
		screen.component.pick(9);
		expect(screen.component.currentAnswer()).toEqual({ type: 'multi', choices: [1] });
		await userEvent.keyboard('{Tab}{Tab}{Tab}');
		await expect.element(screen.getByRole('button', { name: 'Check' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'multi', choices: [1] });
	});

	it('moves the focus between options with the up and down arrows', async () => {
		const p = props();
		const screen = await render(MultipleChoice, p);
		await userEvent.keyboard('{Tab}{ArrowDown}{ArrowDown} ');
		await expect.element(screen.getByRole('checkbox', { name: 'France' })).toBeChecked();
		await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
		await expect.element(screen.getByRole('checkbox', { name: 'Brazil' })).toHaveFocus();
	});

	it('checks nothing ticked as an empty answer (Enter on the screen submits it)', async () => {
		const p = props();
		const screen = await render(MultipleChoice, p);
		screen.component.submit();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'multi', choices: [] });
	});

	it('shows an answer already given as it was ticked, each option marked chosen right, missed or chosen wrong', async () => {
		const p = props({ answered: true, given: { type: 'multi', choices: [1, 2] } });
		const screen = await render(MultipleChoice, p);
		const box = (name: string) => screen.getByRole('checkbox', { name });
		await expect.element(box('Japan')).toBeChecked();
		await expect.element(box('France')).toBeChecked();
		await expect.element(box('United States')).not.toBeChecked();
		const option = (text: string) => screen.getByText(text).element().closest('label')!;
		expect(option('United States')).toHaveClass('right');
		expect(option('United States')).toHaveTextContent('→ Missed: this is right too');
		expect(option('Japan')).toHaveClass('right');
		expect(option('Japan')).toHaveTextContent('✓ Your choice: right');
		expect(option('France')).toHaveClass('wrong');
		expect(option('France')).toHaveTextContent('✗ Your choice: wrong');
		expect(option('Brazil')).not.toHaveTextContent(/Your choice|Missed/);
		expect(option('Brazil')).not.toHaveClass('wrong');
		for (const b of screen.getByRole('checkbox').all()) await expect.element(b).toBeDisabled();
		expect(screen.getByRole('button', { name: 'Check' }).query()).toBeNull();
		screen.component.pick(0);
		screen.component.submit();
		expect(p.onsubmit).not.toHaveBeenCalled();
	});
});
