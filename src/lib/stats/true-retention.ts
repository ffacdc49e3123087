/**
 * Anki's "true retention" table: how often reviews of cards in the Review state were passed,
 * for young and mature cards, over fixed periods ending today. Learning and relearning steps
 * are left out, as in Anki: they test minutes-old memories and would inflate the rate.
 */
import { State } from 'ts-fsrs';
import { AGAIN, type ReviewLogRecord } from '../srs/records.ts';
import type { ReviewAggregate } from './review-aggregates.ts';
import { SLOT_MS } from './slot.ts';
import type { StudyCalendar } from './study-calendar.ts';

/** Anki's line between young and mature cards, in days of interval. */
export const MATURE_INTERVAL_DAYS = 21;

export const RETENTION_PERIODS = ['today', 'yesterday', 'week', 'month', 'year', 'all'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

export interface PassFail {
	passed: number;
	failed: number;
	/** `passed / (passed + failed)`, 0..1; null without reviews. */
	rate: number | null;
}

export interface RetentionRow {
	period: RetentionPeriod;
	young: PassFail;
	mature: PassFail;
	total: PassFail;
}

/**
 * Rows in `RETENTION_PERIODS` order. `week`, `month` and `year` are the last 7, 30 and 365 study
 * days, today included; `all` is every log before the end of today. A review is passed with
 * Hard, Good or Easy. Young or mature goes by the log's `scheduledDays`: the interval the card
 * had been given before this review, as Anki's `lastIvl` (the days actually elapsed would call
 * an overdue young card mature). The calendar must reach 364 days back.
 */
export function trueRetention(
	logs: readonly ReviewLogRecord[],
	calendar: StudyCalendar,
): RetentionRow[] {
	return retentionRows(calendar, (count) => {
		for (const log of logs) {
			if (log.state !== State.Review) continue;
			const slot =
				(log.scheduledDays >= MATURE_INTERVAL_DAYS ? 2 : 0) + (log.rating === AGAIN ? 1 : 0);
			count(log.review, slot, 1);
		}
	});
}

/**
 * `trueRetention` from the per-slot aggregates (review-aggregates.ts): a slot lies inside one
 * study day, so its start places all of its reviews.
 */
export function trueRetentionOfAggregates(
	aggregates: readonly ReviewAggregate[],
	calendar: StudyCalendar,
): RetentionRow[] {
	return retentionRows(calendar, (count) => {
		for (const agg of aggregates)
			for (let slot = 0; slot < 4; slot++)
				if (agg.retention[slot] !== 0) count(agg.slot * SLOT_MS, slot, agg.retention[slot]);
	});
}

/** `each` calls `count` for reviews made at `time`: young/mature × passed/failed as `slot`. */
function retentionRows(
	calendar: StudyCalendar,
	each: (count: (time: number, slot: number, n: number) => void) => void,
): RetentionRow[] {
	if (calendar.firstOffset > -364)
		throw new RangeError('the calendar must reach 364 days back for the year row');
	const end = calendar.end(0);
	// Period i holds logs in [from[i], to[i]).
	const from = [
		calendar.start(0),
		calendar.start(-1),
		calendar.start(-6),
		calendar.start(-29),
		calendar.start(-364),
		-Infinity,
	];
	const to = [end, calendar.start(0), end, end, end, end];
	// counts[period * 4 + (mature ? 2 : 0) + (failed ? 1 : 0)]
	const counts = new Array<number>(RETENTION_PERIODS.length * 4).fill(0);
	each((time, slot, n) => {
		for (let p = 0; p < from.length; p++)
			if (time >= from[p] && time < to[p]) counts[p * 4 + slot] += n;
	});
	const passFail = (passed: number, failed: number): PassFail => ({
		passed,
		failed,
		rate: passed + failed === 0 ? null : passed / (passed + failed),
	});
	return RETENTION_PERIODS.map((period, p) => {
		const [yp, yf, mp, mf] = counts.slice(p * 4, p * 4 + 4);
		return {
			period,
			young: passFail(yp, yf),
			mature: passFail(mp, mf),
			total: passFail(yp + mp, yf + mf),
		};
	});
}
