/**
 * One key of `localStorage` or `sessionStorage`, read through a schema. Browser storage is loose
 * data: another version of Kioku, an extension or a full disk may have left anything there, and
 * private modes throw on every call. So a read that finds garbage (or cannot read) gives the
 * fallback, and a write that cannot be made is dropped: the caller works on, without persistence.
 */
import * as v from 'valibot';

export type WebStorageArea = 'local' | 'session';

export interface StoredValue<T> {
	get(): T;
	set(value: T): void;
	remove(): void;
}

function area(which: WebStorageArea): Storage | undefined {
	try {
		return which === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
	} catch {
		return undefined; // a sandboxed frame or storage disabled: reading the property throws
	}
}

/**
 * `raw`: the value is stored as the string itself (a schema of strings), not as JSON, for keys
 * other code reads as text (the theme, read by `app.html` before the app starts).
 */
export function storedValue<S extends v.GenericSchema>(
	which: WebStorageArea,
	key: string,
	schema: S,
	fallback: v.InferOutput<S>,
	options: { raw?: boolean } = {},
): StoredValue<v.InferOutput<S>> {
	return {
		get() {
			try {
				const text = area(which)?.getItem(key);
				if (text === null || text === undefined) return fallback;
				const parsed = v.safeParse(schema, options.raw ? text : JSON.parse(text));
				return parsed.success ? parsed.output : fallback;
			} catch {
				return fallback;
			}
		},
		set(value) {
			try {
				area(which)?.setItem(key, options.raw ? String(value) : JSON.stringify(value));
			} catch {
				// Full or disabled: the value lives for this page only.
			}
		},
		remove() {
			try {
				area(which)?.removeItem(key);
			} catch {
				// Nothing was kept.
			}
		},
	};
}
