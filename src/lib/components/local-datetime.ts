/**
 * `<input type="datetime-local">` speaks "2026-12-14T23:59" in the device's own time zone, with
 * no zone written: these turn it into ms since the epoch and back.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** The moment as the input shows it, to the minute, in the device's time zone. */
export function toLocalInput(at: Date): string {
	const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
	return `${day}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The input's value as ms since the epoch, or undefined when it holds no whole date and time. */
export function fromLocalInput(value: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!match) return undefined;
	const [y, mo, d, h, mi] = match.slice(1).map(Number);
	const at = new Date(y, mo - 1, d, h, mi);
	// 2026-02-31 would roll over into March: not a date the teacher meant.
	return at.getMonth() === mo - 1 && at.getDate() === d ? at.getTime() : undefined;
}

/** 23:59 of the day `at` falls on, in the device's time zone (a deadline's usual time). */
export function endOfDay(at: number): Date {
	const day = new Date(at);
	return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59);
}
