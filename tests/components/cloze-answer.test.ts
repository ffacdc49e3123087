import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ClozeAnswer from '$lib/components/answer/ClozeAnswer.svelte';
import { cloze } from './questions';

const props = (extra = {}) => ({
	question: cloze,
	lang: 'en' as const,
	answered: false,
	checked: undefined,
	onsubmit: vi.fn(),
	...extra,
});

describe('a cloze question', () => {
	it('shows the text with a box for each blank, and checks every blank on Enter', async () => {
		const p = props();
		const screen = await render(ClozeAnswer, p);
		await expect.element(screen.getByText(/Between/)).toHaveTextContent('Between and .');
		expect(screen.component.focusTyping()).toBe(true);
		await expect.element(screen.getByRole('textbox', { name: 'Blank 1' })).toHaveFocus();
		await userEvent.keyboard('Japan{Tab}');
		await expect.element(screen.getByRole('textbox', { name: 'Blank 2' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'cloze', blanks: ['Japan', ''] });
	});

	it('checks the blanks as they are filled when Check is clicked', async () => {
		const p = props();
		const screen = await render(ClozeAnswer, p);
		await screen.getByRole('textbox', { name: 'Blank 2' }).fill('America');
		expect(screen.component.currentAnswer()).toEqual({ type: 'cloze', blanks: ['', 'America'] });
		await screen.getByRole('button', { name: 'Check' }).click();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'cloze', blanks: ['', 'America'] });
	});

	it('has the blanks of the text in the language answered in', async () => {
		const screen = await render(ClozeAnswer, props({ lang: 'zh' }));
		await expect.element(screen.getByText(/与/)).toBeVisible();
		expect(screen.getByRole('textbox').all()).toHaveLength(2);
	});

	it('shows an answer already given, each blank marked as its check found it', async () => {
		const p = props({
			answered: true,
			given: { type: 'cloze', blanks: ['Japan', 'China'] },
			checked: [
				{ correct: true, reasons: [], expected: 'Japan' },
				{ correct: false, reasons: [], expected: 'the US' },
			],
		});
		const screen = await render(ClozeAnswer, p);
		const first = screen.getByRole('textbox', { name: 'Blank 1' });
		const second = screen.getByRole('textbox', { name: 'Blank 2' });
		await expect.element(first).toHaveValue('Japan');
		await expect.element(first).toHaveClass('right');
		await expect.element(second).toHaveValue('China');
		await expect.element(second).toHaveClass('wrong');
		await expect.element(second).toBeDisabled();
		expect(screen.getByRole('button', { name: 'Check' }).query()).toBeNull();
		expect(screen.component.focusTyping()).toBe(false);
	});
});
