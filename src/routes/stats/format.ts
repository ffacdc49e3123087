/** How the Statistics screen writes its numbers. */
import type { Bucket } from '$lib/stats';

export const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);

/** "12s" (en), "12秒" (zh). */
export const seconds = (ms: number, locale: string) =>
	new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(
		Math.round(ms / 1000),
	);

export const days = (n: number) => (n === Infinity ? '∞' : String(n));

/** "1–3", and "30–" for the open last bucket. */
export const bucketLabels = (buckets: Bucket[], unit: (n: number) => string) =>
	buckets.map((b) => `${unit(b.from)}–${b.to === Infinity ? '' : unit(b.to)}`);
