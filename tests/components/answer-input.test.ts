import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import AnswerInput from '$lib/components/AnswerInput.svelte';
import type { CheckResult } from '$lib/quiz';
import { cloze, multi, order, short, single, truefalse } from './questions';

const props = (extra = {}) => ({
	question: single,
	lang: 'en' as const,
	result: undefined,
	onsubmit: vi.fn(),
	...extra,
});
const wrong: CheckResult = { correct: false, score: 0, reasons: [], expected: [] };

describe('the answer part of a question, whatever its type', () => {
	it('shows the options as the bank lists them unless the caller gives their order', async () => {
		const screen = await render(AnswerInput, props());
		await expect.element(screen.getByRole('button').first()).toHaveTextContent('Tokyo');
		await screen.rerender({
			choices: [
				{ text: { zh: '札幌', en: 'Sapporo' }, correct: false },
				{ text: { zh: '东京', en: 'Tokyo' }, correct: true },
			],
		});
		await expect.element(screen.getByRole('button').first()).toHaveTextContent('Sapporo');
		await expect.element(screen.getByRole('button').nth(1)).toHaveTextContent('Tokyo');
	});

	it('passes the screen’s number keys, Enter and timer on to the question’s own component', async () => {
		const p = props({ question: multi });
		const screen = await render(AnswerInput, p);
		screen.component.pick(1);
		screen.component.pick(3);
		expect(screen.component.currentAnswer()).toEqual({ type: 'multi', choices: [1, 3] });
		screen.component.submit();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'multi', choices: [1, 3] });

		await screen.rerender({ question: truefalse });
		screen.component.pick(1);
		expect(p.onsubmit).toHaveBeenLastCalledWith({ type: 'truefalse', value: false });

		await screen.rerender({ question: order, arrangement: 'seed-1' });
		expect(screen.component.currentAnswer()?.type).toBe('order');
		screen.component.pick(0);
		expect(p.onsubmit).toHaveBeenCalledTimes(2);
	});

	it('puts the caret in a typed question’s box, and says there is none for other types', async () => {
		const screen = await render(AnswerInput, props({ question: single }));
		expect(screen.component.focusTyping()).toBe(false);
		await screen.rerender({ question: cloze });
		(document.activeElement as HTMLElement).blur();
		expect(screen.component.focusTyping()).toBe(true);
		await expect.element(screen.getByRole('textbox', { name: 'Blank 1' })).toHaveFocus();
	});

	it('starts each new question blank, and shows an answer given to it once there is one', async () => {
		const p = props({ question: short });
		const screen = await render(AnswerInput, p);
		await screen.getByRole('textbox').fill('Warsaw Pact');
		await screen.rerender({ question: { ...short, id: 'short-2' } });
		await expect.element(screen.getByRole('textbox')).toHaveValue('');
		expect(screen.component.currentAnswer()).toBeNull();

		await screen.rerender({ given: { type: 'short', text: 'NATO?' }, result: wrong });
		await expect.element(screen.getByRole('textbox')).toHaveValue('NATO?');
		await expect.element(screen.getByRole('textbox')).toBeDisabled();
	});

	it('keeps the learner’s answer on screen once it is checked', async () => {
		const p = props({ question: multi });
		const screen = await render(AnswerInput, p);
		await screen.getByRole('checkbox', { name: 'France' }).click();
		await screen.getByRole('button', { name: 'Check' }).click();
		await screen.rerender({ result: wrong });
		await expect.element(screen.getByRole('checkbox', { name: 'France' })).toBeChecked();
		await expect.element(screen.getByRole('checkbox', { name: 'France' })).toBeDisabled();
	});

	it('sets the language of the answers for screen readers and fonts', async () => {
		const screen = await render(AnswerInput, props({ lang: 'zh' }));
		expect(screen.container.querySelector('.answer-input')?.getAttribute('lang')).toBe('zh-CN');
	});
});
