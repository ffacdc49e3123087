/** "10m", "3d", "2mo" (en) or "10分钟", "3天", "2个月" (zh): the interval a rating button shows. */
const UNITS = [
	{ unit: 'year', ms: 365 * 86_400_000 },
	{ unit: 'month', ms: 30 * 86_400_000 },
	{ unit: 'day', ms: 86_400_000 },
	{ unit: 'hour', ms: 3_600_000 },
	{ unit: 'minute', ms: 60_000 },
] as const;

export function formatInterval(
	ms: number,
	locale: string,
	unitDisplay: 'narrow' | 'long' = 'narrow',
): string {
	const found = UNITS.find((u) => ms >= u.ms) ?? UNITS[UNITS.length - 1];
	const value = Math.max(ms, 60_000) / found.ms;
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: found.unit,
		// Narrow months read "1.5m" in English, like minutes.
		unitDisplay: found.unit === 'month' && unitDisplay === 'narrow' ? 'short' : unitDisplay,
		maximumFractionDigits: value < 10 && found.ms >= 30 * 86_400_000 ? 1 : 0,
	}).format(value);
}

/** "42 s", "3 min 5 s" (en) or "42秒", "3分钟5秒" (zh): how long something took. */
export function formatDuration(ms: number, locale: string): string {
	const total = Math.max(0, Math.round(ms / 1000));
	const unit = (value: number, unit: 'minute' | 'second') =>
		new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
	const minutes = Math.floor(total / 60);
	const seconds = total % 60;
	if (minutes === 0) return unit(seconds, 'second');
	return seconds === 0
		? unit(minutes, 'minute')
		: `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}
