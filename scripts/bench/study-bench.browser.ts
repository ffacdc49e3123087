/**
 * Runs in Chromium (bundled by scripts/bench/study-bench.ts): seeds a large collection into the
 * real IndexedDB store and times what a learner waits for.
 */
import { State } from 'ts-fsrs';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { StudyQueue, type NextCard } from '../../src/lib/srs/queue.ts';
import type { CardRecord, ReviewLogRecord } from '../../src/lib/srs/records.ts';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { StudySession } from '../../src/lib/srs/session.ts';
import { NORMAL_WEEK } from '../../src/lib/srs/load-balance.ts';
import { StudyDays, studyDay } from '../../src/lib/srs/study-day.ts';
import { logStatistics, statistics } from '../../src/lib/stats/index.ts';
import { AggregateDeltas } from '../../src/lib/stats/review-aggregates.ts';
import { openKiokuDb } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';
import { replaceAggregates } from '../../src/lib/storage/review-aggregates.ts';
import { unwrap } from 'idb';

const DECK = 'bench/deck';
const DAY = 86_400_000;
const config = schedulerConfig(DEFAULT_DECK_OPTIONS);
const key = configKey(config);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

async function seed(cards: number, logs: number, reviewed: number, now: number) {
	const db = await openKiokuDb();
	await db.put('configs', { key, config });
	const perCard = Math.floor(logs / reviewed);
	const BATCH = 500;
	// The aggregates the app keeps as it writes each review (storage/review-aggregates.ts).
	const aggregates = new AggregateDeltas();
	for (let start = 0; start < reviewed; start += BATCH) {
		const tx = db.transaction(['cards', 'logs'], 'readwrite', { durability: 'relaxed' });
		for (let i = start; i < Math.min(reviewed, start + BATCH); i++) {
			// Due dates spread from 30 days ago to a year ahead: about 2,000 due today.
			const due = now - 30 * DAY + ((i * 7919) % 395) * DAY + (i % 1000) * 1000;
			const card: CardRecord = {
				id: `c${i}`,
				deck: DECK,
				due,
				stability: 20,
				difficulty: 5,
				elapsedDays: 10,
				scheduledDays: 20,
				learningSteps: 0,
				reps: perCard,
				lapses: 1,
				state: State.Review,
				lastReview: due - 20 * DAY,
				suspended: false,
				buriedUntil: 0,
				leech: false,
			};
			void tx.objectStore('cards').put(card);
			for (let r = 0; r < perCard; r++) {
				const log: ReviewLogRecord = {
					cardId: card.id,
					deck: DECK,
					rating: 3,
					review: now - (perCard - r) * 7 * DAY - i * 1000,
					durationMs: 5000,
					config: key,
					state: r === 0 ? State.New : State.Review,
					due: now - (perCard - r) * 7 * DAY,
					stability: 10,
					difficulty: 5,
					elapsedDays: 7,
					lastElapsedDays: 7,
					scheduledDays: 7,
					learningSteps: 0,
				};
				void tx.objectStore('logs').add(log);
				aggregates.add(log);
			}
		}
		await tx.done;
	}
	const tx = db.transaction('reviewAggregates', 'readwrite');
	replaceAggregates(unwrap(tx.store), aggregates.values());
	await tx.done;
	db.close();
	return { cards, logs: perCard * reviewed };
}

function percentile(values: number[], p: number) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(cards: number, ratings: number) {
	const t0 = performance.now();
	const db = await openKiokuDb();
	const store = idbReviewStore(db);
	const now = Date.now();
	const day = studyDay(now, 4, Intl.DateTimeFormat().resolvedOptions().timeZone);
	const questionIds = ids(cards);
	const session = await StudySession.start({
		deck: DECK,
		questionIds,
		options: { ...DEFAULT_DECK_OPTIONS, reviewsPerDay: 9999 },
		store,
		clock: Date.now,
		days: new StudyDays({ dayStartsAt: 4, timeZone: 'UTC' }),
		// As the app studies by default: evening out the reviews (counted at start, kept after).
		balance: NORMAL_WEEK,
	});
	const first = await session.next();
	if (first.kind !== 'card') throw new Error('no card due');
	session.preview(first.id);
	const firstCardMs = performance.now() - t0;

	const l0 = performance.now();
	const snapshot = await store.loadDeck(DECK, day.start, day.end);
	const loadMs = performance.now() - l0;
	const q0 = performance.now();
	new StudyQueue({
		now,
		day,
		questionIds,
		candidates: snapshot.candidates,
		knownIds: snapshot.knownIds,
		doneToday: snapshot.doneToday,
		limits: { newPerDay: 20, reviewsPerDay: 9999 },
	});
	const queueMs = performance.now() - q0;

	const samples: number[] = [];
	let card: NextCard = first;
	for (let i = 0; i < ratings && card.kind === 'card'; i++) {
		const s = performance.now();
		await session.answer(card.id, i % 10 === 0 ? 1 : 3, 4000);
		card = await session.next();
		if (card.kind === 'card') session.preview(card.id);
		samples.push(performance.now() - s);
	}
	// "Study" on a weak tag in Statistics: a focused session over every 40th card, due or not.
	const f0 = performance.now();
	const group = questionIds.filter((_, i) => i % 40 === 0);
	const focused = await StudySession.start({
		deck: DECK,
		questionIds: group,
		options: DEFAULT_DECK_OPTIONS,
		store,
		clock: Date.now,
		days: new StudyDays({ dayStartsAt: 4, timeZone: 'UTC' }),
		focus: true,
	});
	const focusedFirst = await focused.next();
	if (focusedFirst.kind !== 'card') throw new Error('the focused session has no card');
	focused.preview(focusedFirst.id);
	const focusFirstCardMs = performance.now() - f0;
	const c = focused.counts;
	const focusCards = c.newCards + c.learning + c.reviews;

	// What the Statistics screen's worker does: read every card and the review log's
	// aggregates, then count. The first numbers are on screen when both are done.
	const questions = questionIds.map((id, i) => ({
		id,
		deck: DECK,
		tags: [`t${i % 40}`],
		source: { paragraphs: [1 + (i % 60)] },
	}));
	const statsNow = Date.now();
	// The first numbers (streaks, heatmap, true retention): the page reads the aggregates and
	// counts them itself while the worker reads the cards (state/statistics.ts).
	const lf0 = performance.now();
	logStatistics({
		aggregates: await db.getAll('reviewAggregates'),
		now: statsNow,
		settings: { dayStartsAt: 4, timeZone: 'UTC' },
	});
	const statsFirstMs = performance.now() - lf0;
	const st0 = performance.now();
	const [allCards, aggregates] = await Promise.all([
		db.getAll('cards'),
		db.getAll('reviewAggregates'),
	]);
	const statsReadMs = performance.now() - st0;
	const sc0 = performance.now();
	const fromAggregates = statistics({
		...{ cards: allCards, logs: { aggregates }, questions, now: statsNow },
		settings: { dayStartsAt: 4, timeZone: 'UTC' },
	});
	const statsCountMs = performance.now() - sc0;
	const statsAggregates = aggregates.length;
	// As it was before the aggregates: every review read and counted (for comparison; the
	// figures must be the same).
	const sl0 = performance.now();
	const allLogs = await db.getAll('logs');
	const statsLogsReadMs = performance.now() - sl0;
	const sl1 = performance.now();
	const fromLogs = statistics({
		...{ cards: allCards, logs: allLogs, questions, now: statsNow },
		settings: { dayStartsAt: 4, timeZone: 'UTC' },
	});
	const statsLogsCountMs = performance.now() - sl1;
	const statsSame = JSON.stringify(fromLogs) === JSON.stringify(fromAggregates);
	const estimate = await navigator.storage.estimate();
	return {
		focusFirstCardMs,
		focusCards,
		statsFirstMs,
		statsReadMs,
		statsCountMs,
		statsAggregates,
		statsLogsReadMs,
		statsLogsCountMs,
		statsSame,
		firstCardMs,
		loadMs,
		queueMs,
		dueToday: snapshot.candidates.length,
		rating: {
			n: samples.length,
			p50: percentile(samples, 50),
			p95: percentile(samples, 95),
			max: Math.max(...samples),
		},
		usageBytes: estimate.usage ?? 0,
	};
}

Object.assign(window, { seed, measure });
