import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import OrderAnswer from '$lib/components/answer/OrderAnswer.svelte';
import { order } from './questions';

const props = (extra = {}) => ({
	question: order,
	lang: 'en' as const,
	answered: false,
	onsubmit: vi.fn(),
	...extra,
});
// Starts as Third, First, Fourth, Second (the arrangement drawn from this seed).
const given = { type: 'order', order: [2, 0, 3, 1] } as const;

const shown = (screen: Awaited<ReturnType<typeof render>>) =>
	[...screen.container.querySelectorAll('.item')].map((item) => item.textContent);

describe('an order question', () => {
	it('starts in the showing’s arrangement, never the right order, and checks the order shown', async () => {
		const p = props({ arrangement: 'seed-1' });
		const screen = await render(OrderAnswer, p);
		const start = shown(screen);
		expect(start).not.toEqual(['First', 'Second', 'Third', 'Fourth']);
		expect([...start].sort()).toEqual(['First', 'Fourth', 'Second', 'Third']);
		await screen.getByRole('button', { name: 'Check' }).click();
		const names = ['First', 'Second', 'Third', 'Fourth'];
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({
			type: 'order',
			order: start.map((text) => names.indexOf(text!)),
		});
	});

	it('moves an item with its ↑ and ↓ buttons', async () => {
		const p = props({ given: { ...given, order: [...given.order] } });
		const screen = await render(OrderAnswer, p);
		await screen.getByRole('button', { name: 'Move up: First' }).click();
		expect(shown(screen)).toEqual(['First', 'Third', 'Fourth', 'Second']);
		await screen.getByRole('button', { name: 'Move down: Third' }).click();
		expect(shown(screen)).toEqual(['First', 'Fourth', 'Third', 'Second']);
		await expect.element(screen.getByRole('button', { name: 'Move up: First' })).toBeDisabled();
		await expect.element(screen.getByRole('button', { name: 'Move down: Second' })).toBeDisabled();
		screen.component.submit();
		expect(p.onsubmit).toHaveBeenCalledExactlyOnceWith({ type: 'order', order: [0, 3, 2, 1] });
	});

	it('moves an item with the arrow keys on its handle, the focus moving with it', async () => {
		const screen = await render(
			OrderAnswer,
			props({ given: { ...given, order: [...given.order] } }),
		);
		const handle = (item: string) =>
			screen.getByRole('button', { name: `Move ${item}: drag, or use the up and down arrow keys` });
		(handle('Fourth').element() as HTMLElement).focus();
		await userEvent.keyboard('{ArrowUp}');
		expect(shown(screen)).toEqual(['Third', 'Fourth', 'First', 'Second']);
		await expect.element(handle('Fourth')).toHaveFocus();
		await userEvent.keyboard('{ArrowUp}{ArrowUp}');
		expect(shown(screen)).toEqual(['Fourth', 'Third', 'First', 'Second']);
		await userEvent.keyboard('{ArrowDown}');
		expect(shown(screen)).toEqual(['Third', 'Fourth', 'First', 'Second']);
	});

	it('moves an item dragged by its handle after the rows whose middle it passed', async () => {
		const screen = await render(
			OrderAnswer,
			props({ given: { ...given, order: [...given.order] } }),
		);
		const handle = screen.getByRole('button', { name: /^Move Third: drag/ });
		const rows = screen.container.querySelectorAll('li');
		// Dropped on the middle of the last row: past the middles of the two rows between.
		await userEvent.dragAndDrop(handle, rows[3]);
		expect(shown(screen)).toEqual(['First', 'Fourth', 'Third', 'Second']);
		await expect.element(screen.getByText('Third')).toBeVisible();
		expect(rows[0].parentElement!.querySelector('.dragging')).toBeNull();
	});

	it('shows an answer already given, each item marked right in its place or wrong', async () => {
		const p = props({ answered: true, given: { type: 'order', order: [0, 2, 1, 3] } });
		const screen = await render(OrderAnswer, p);
		expect(shown(screen)).toEqual(['First', 'Third', 'Second', 'Fourth']);
		const rows = [...screen.container.querySelectorAll('li')];
		expect(rows.map((row) => row.className.match(/right|wrong/)?.[0])).toEqual([
			'right',
			'wrong',
			'wrong',
			'right',
		]);
		expect(rows.map((row) => row.querySelector('.verdict')?.textContent)).toEqual([
			'✓',
			'✗',
			'✗',
			'✓',
		]);
		expect(screen.getByRole('button').query()).toBeNull();
		screen.component.submit();
		expect(p.onsubmit).not.toHaveBeenCalled();
	});
});
