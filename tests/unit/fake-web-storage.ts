/**
 * Browser storage for tests in Node: an in-memory `Storage`, and one that throws as private
 * modes and disabled storage do, installed as `localStorage` or `sessionStorage` on globalThis
 * (where `storedValue` looks for them).
 */
import { afterEach } from 'vitest';

export type FakeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function memoryStorage(): FakeStorage & { items: Map<string, string> } {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, value) => void items.set(k, String(value)),
		removeItem: (k) => void items.delete(k),
	};
}

const denied = () => {
	throw new DOMException('denied', 'SecurityError');
};

/** Private mode, storage turned off: every call throws. */
export const throwingStorage: FakeStorage = {
	getItem: denied,
	setItem: denied,
	removeItem: denied,
};

/** A storage that reads, but whose disk is full. */
export function fullStorage(from: FakeStorage): FakeStorage {
	return {
		getItem: (k) => from.getItem(k),
		setItem: () => {
			throw new DOMException('full', 'QuotaExceededError');
		},
		removeItem: (k) => from.removeItem(k),
	};
}

const AREAS = { local: 'localStorage', session: 'sessionStorage' } as const;

/** Installs `storage` for the current test; it is removed after each test of the file. */
export function useStorage<S extends FakeStorage>(area: keyof typeof AREAS, storage: S): S {
	Object.assign(globalThis, { [AREAS[area]]: storage });
	return storage;
}

afterEach(() => {
	for (const name of Object.values(AREAS)) delete (globalThis as Record<string, unknown>)[name];
});
