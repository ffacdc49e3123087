import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { storedValue } from '../../src/lib/storage/web-storage.ts';

class MemoryStorage {
	items = new Map<string, string>();
	getItem = (k: string) => this.items.get(k) ?? null;
	setItem = (k: string, value: string) => void this.items.set(k, value);
	removeItem = (k: string) => void this.items.delete(k);
}
const throwing = {
	getItem: () => {
		throw new Error('SecurityError');
	},
	setItem: () => {
		throw new Error('QuotaExceededError');
	},
	removeItem: () => {
		throw new Error('SecurityError');
	},
};

const Seats = v.array(v.object({ code: v.string(), token: v.string() }));

afterEach(() => {
	delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('a stored value', () => {
	it('reads back what it wrote, and the fallback once removed', () => {
		Object.assign(globalThis, { localStorage: new MemoryStorage() });
		const seats = storedValue('local', 'seats', Seats, []);
		seats.set([{ code: '123456', token: 't' }]);
		expect(seats.get()).toEqual([{ code: '123456', token: 't' }]);
		seats.remove();
		expect(seats.get()).toEqual([]);
	});

	it('gives the fallback for garbage: not JSON, or JSON of another shape', () => {
		const memory = new MemoryStorage();
		Object.assign(globalThis, { localStorage: memory });
		const seats = storedValue('local', 'seats', Seats, []);
		memory.setItem('seats', '{not json');
		expect(seats.get()).toEqual([]);
		memory.setItem('seats', '[{"code":1}]');
		expect(seats.get()).toEqual([]);
	});

	it('stores a raw string for keys read as text elsewhere', () => {
		const memory = new MemoryStorage();
		Object.assign(globalThis, { localStorage: memory });
		const theme = storedValue('local', 'theme', v.picklist(['light', 'dark']), 'light', {
			raw: true,
		});
		theme.set('dark');
		expect(memory.getItem('theme')).toBe('dark');
		memory.setItem('theme', 'purple');
		expect(theme.get()).toBe('light');
	});

	it('works on, without keeping anything, where storage throws or is missing', () => {
		Object.assign(globalThis, { localStorage: throwing });
		const seats = storedValue('local', 'seats', Seats, []);
		expect(() => seats.set([{ code: '1', token: 't' }])).not.toThrow();
		expect(seats.get()).toEqual([]);
		expect(() => seats.remove()).not.toThrow();
		delete (globalThis as { localStorage?: unknown }).localStorage;
		expect(storedValue('session', 'x', v.string(), 'none').get()).toBe('none');
	});
});
