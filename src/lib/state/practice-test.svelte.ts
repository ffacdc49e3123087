/**
 * A practice test being taken: one question at a time, timers, grading, then the result saved
 * on the device and (if chosen) each answer counted as an FSRS review.
 */
import { scheduleSync } from './sync-trigger';
import {
	buildTest,
	expectedAnswer,
	gradeItem,
	isCorrectOption,
	optionText,
	type DeckQuestions,
	type TestItem,
} from '$lib/quiz/build-test';
import { canOverrule, overrule, type Answer, type GradedResult } from '$lib/quiz';
import { clozeWithGaps, parseCloze } from '$lib/bank';
import { loadToSimplified, expectedSeconds } from '$lib/quiz';
import { isCoinFlip } from '$lib/quiz/propose-rating';
import { describeAnswer, describeRightAnswer } from '$lib/quiz/describe-answer';
import { fsrsGrade, summarize, type ItemOutcome } from '$lib/quiz/score';
import type { TestSpec } from '$lib/quiz/test-spec';
import { saveAnswersAsReviews } from '$lib/storage/answers-as-reviews';
import { cardIdOf } from '$lib/quiz/card-questions';
import { database, announceChange } from '$lib/storage/connection';
import { learnerStudyDays } from '$lib/storage/preferences';
import {
	saveTestResult,
	updateTestResult,
	type TestItemResult,
	type TestResultRecord,
} from '$lib/storage/test-results';
import type { Grade } from '$lib/srs/records';
import { afterReviewsChanged } from './persistence';
import { testProgress, type TestProgress } from '$lib/storage/test-progress';

export type TestPhase = 'question' | 'feedback' | 'saving' | 'empty';

/** What a test taken as a class assignment adds (see routes/classes/[seat]/[assignment]). */
export interface TestHooks {
	/** Each answer (null: skipped) as it is given, with the time on the question. */
	onAnswered?: (item: TestItem, answer: Answer | null, timeMs: number) => void;
	/**
	 * Whether the result is kept in the device's past tests (true unless said). An assignment
	 * whose answers the teacher shows later keeps none: its results page would show them.
	 */
	keepResult?: boolean;
	/** Homework is done over days: its progress is kept on the device, not only in the tab. */
	progressOnDevice?: boolean;
}

export class PracticeTest {
	readonly spec: TestSpec;
	readonly items: TestItem[];
	index = $state(0);
	phase = $state<TestPhase>('question');
	results = $state<(GradedResult | undefined)[]>([]);
	answers = $state<(Answer | null)[]>([]);
	/** Seconds left on the running timer (question or whole test); undefined without a limit. */
	secondsLeft = $state<number | undefined>();

	#times: number[] = [];
	#shownAt = performance.now();
	#startedAt = Date.now();
	#deadline: number | undefined;
	#tick: ReturnType<typeof setInterval> | undefined;
	#onTimeUp: () => void = () => {};

	readonly #progress: ReturnType<typeof testProgress> | undefined;
	#resumed: TestProgress | undefined;
	readonly #hooks: TestHooks;

	/** `progressKey`: where this tab keeps the test in progress (the test's link identifies it). */
	constructor(
		spec: TestSpec,
		decks: DeckQuestions[],
		eligible: ReadonlySet<string> | undefined,
		progressKey?: string,
		hooks: TestHooks = {},
	) {
		this.spec = spec;
		this.#hooks = hooks;
		this.items = buildTest(spec, decks, eligible);
		if (this.items.length === 0) this.phase = 'empty';
		if (spec.timeLimit.mode === 'test') this.#deadline = Date.now() + spec.timeLimit.seconds * 1000;
		this.#progress = progressKey
			? testProgress(progressKey, hooks.progressOnDevice ? 'local' : 'session')
			: undefined;
		const saved = this.#progress?.read(this.items.map((i) => i.question.id));
		if (saved) {
			this.#resumed = saved;
			this.index = saved.index;
			this.phase = saved.phase;
			this.answers = saved.answers;
			this.results = saved.results.map((r) => r ?? undefined);
			this.#times = saved.times;
		}
	}

	#saveProgress() {
		if (!this.#progress || (this.phase !== 'question' && this.phase !== 'feedback')) return;
		this.#progress.save({
			ids: this.items.map((i) => i.question.id),
			index: this.index,
			phase: this.phase,
			answers: $state.snapshot(this.answers),
			results: $state.snapshot(this.results).map((r) => r ?? null),
			times: this.#times,
			startedAt: this.#startedAt,
			deadline: this.#deadline,
		});
	}

	get item(): TestItem | undefined {
		return this.items[this.index];
	}

	get isLast() {
		return this.index === this.items.length - 1;
	}

	/** The options of the current single/multi question as shown. */
	choices(item: TestItem) {
		const q = item.question;
		if (q.type !== 'single' && q.type !== 'multi') return undefined;
		const order = item.optionOrder ?? q.options.map((_, i) => i);
		return order.map((i) => ({
			text: { zh: optionText(item, i, 'zh'), en: optionText(item, i, 'en') },
			correct: isCorrectOption(item, i),
		}));
	}

	/** Starts the clocks; `onTimeUp` answers with whatever is on screen when a limit runs out. */
	start(onTimeUp: () => void) {
		this.#onTimeUp = onTimeUp;
		this.#shownAt = performance.now();
		const resumed = this.#resumed;
		// The test started when it was made (or, resumed, when it first started): starting the
		// clocks again must not move it.
		this.#startedAt = resumed?.startedAt ?? this.#startedAt;
		const limit = this.spec.timeLimit;
		// A resumed test keeps its clock: the deadline it had, not a fresh one.
		if (limit.mode !== 'none' && resumed?.deadline !== undefined) this.#deadline = resumed.deadline;
		else if (limit.mode === 'test') this.#deadline = Date.now() + limit.seconds * 1000;
		else if (limit.mode === 'question') this.#deadline = undefined;
		if (resumed?.phase === 'feedback') {
			if (limit.mode === 'test') this.#restartTimer();
		} else this.#restartTimer();
		this.#saveProgress();
	}

	stop() {
		clearInterval(this.#tick);
	}

	#restartTimer() {
		clearInterval(this.#tick);
		const limit = this.spec.timeLimit;
		if (limit.mode === 'none') return;
		if (limit.mode === 'question') this.#deadline ??= Date.now() + limit.seconds * 1000;
		const update = () => {
			const left = Math.max(0, Math.ceil((this.#deadline! - Date.now()) / 1000));
			this.secondsLeft = left;
			if (left === 0 && (this.phase === 'question' || limit.mode === 'test')) {
				clearInterval(this.#tick);
				this.#onTimeUp();
			}
		};
		update();
		this.#tick = setInterval(update, 250);
	}

	async submit(answer: Answer | null) {
		const item = this.item;
		if (!item || this.phase !== 'question') return;
		this.#times[this.index] = performance.now() - this.#shownAt;
		let result: GradedResult | undefined;
		if (answer) {
			const options = { partialCredit: this.spec.partialCredit, lang: this.spec.lang };
			result = gradeItem(item, answer, options);
			if (!result.correct && needsChinese(answer)) {
				result = gradeItem(item, answer, { ...options, toSimplified: await loadToSimplified() });
			}
		}
		this.answers[this.index] = answer;
		this.results[this.index] = result ?? { correct: false, score: 0, reasons: [], expected: [] };
		this.#hooks.onAnswered?.(item, answer, Math.round(this.#times[this.index]));
		const timeUp = this.spec.timeLimit.mode === 'test' && (this.secondsLeft ?? 1) <= 0;
		if (this.spec.feedback === 'immediate' && !timeUp) {
			this.phase = 'feedback';
			if (this.spec.timeLimit.mode === 'question') clearInterval(this.#tick);
			this.#saveProgress();
		} else {
			await this.next();
		}
	}

	/** Whether the answer on screen may be overruled ("I was right"). */
	get canOverrule(): boolean {
		const item = this.item;
		return (
			this.phase === 'feedback' && !!item && canOverrule(item.question, this.results[this.index])
		);
	}

	/** "I was right" on the feedback of a typed answer: it counts as right. */
	overrule() {
		const result = this.results[this.index];
		if (!this.canOverrule || !result) return;
		this.results[this.index] = overrule(result);
		this.#saveProgress();
	}

	/** Takes "I was right" back while its feedback is shown. */
	withdrawOverrule() {
		const original = this.results[this.index]?.overruled;
		if (this.phase !== 'feedback' || !original) return;
		this.results[this.index] = original;
		this.#saveProgress();
	}

	/** Moves on; returns the id of the saved result (null: not kept) when the test is over. */
	async next(): Promise<number | null | undefined> {
		const timeUp = this.spec.timeLimit.mode === 'test' && (this.secondsLeft ?? 1) <= 0;
		if (this.isLast || timeUp) return this.finish();
		this.index++;
		this.phase = 'question';
		this.#shownAt = performance.now();
		if (this.spec.timeLimit.mode === 'question') {
			this.#deadline = undefined; // each question has its own time
			this.#restartTimer();
		}
		this.#saveProgress();
		return undefined;
	}

	/** The saved result's id once the test is over; null when it was not kept (see TestHooks). */
	finished = $state<number | null | undefined>();

	async finish(): Promise<number | null> {
		this.stop();
		this.phase = 'saving';
		this.#progress?.forget();
		const lang = this.spec.lang;
		const outcomes: ItemOutcome[] = this.items.map((item, i) => ({
			id: item.question.id,
			deck: item.deck,
			type: item.question.type,
			correct: this.results[i]?.correct ?? false,
			score: this.results[i]?.score ?? 0,
			timeMs: Math.round(this.#times[i] ?? 0),
			answered: (this.answers[i] ?? null) !== null,
			...(this.results[i]?.overruled ? { overruled: true } : {}),
		}));
		const items: TestItemResult[] = this.items.map((item, i) => {
			const q = item.question;
			const answer = this.answers[i] ?? null;
			const checked = this.results[i]?.overruled;
			const expected = this.results[i]?.expected.length
				? this.results[i]!.expected
				: expectedAnswer(item, lang);
			return {
				...outcomes[i],
				answer,
				prompt:
					q.type === 'cloze' ? `${q.prompt[lang]} ${clozeText(q.text[lang])}` : q.prompt[lang],
				answerText: describeAnswer(item, answer, lang),
				rightAnswer: describeRightAnswer(item, lang, expected),
				explanation: q.explanation[lang],
				paragraphs: q.source.paragraphs,
				...(checked ? { checked: { correct: checked.correct, score: checked.score } } : {}),
			};
		});
		if (this.#hooks.keepResult === false) {
			if (this.spec.feedFsrs) await this.#feedFsrs(outcomes);
			this.finished = null;
			scheduleSync();
			return null;
		}
		const db = await database();
		// $state.snapshot: IndexedDB cannot clone Svelte's reactive proxies.
		const record: TestResultRecord = $state.snapshot({
			spec: this.spec,
			startedAt: this.#startedAt,
			finishedAt: Date.now(),
			items,
			summary: summarize(outcomes),
		});
		const id = await saveTestResult(db, record);
		if (this.spec.feedFsrs) {
			const reviews = await this.#feedFsrs(outcomes);
			// Each item remembers its review, so "I was right" on the results can amend it.
			await updateTestResult(db, {
				...record,
				id,
				items: record.items.map((item, i) => (reviews[i] ? { ...item, review: reviews[i] } : item)),
			});
		}
		this.finished = id;
		// The result goes to the account (and the reviews, when the test counted as such).
		scheduleSync();
		return id;
	}

	/** Counts each answer as a review; returns, per item, the review written and its rating. */
	async #feedFsrs(
		outcomes: ItemOutcome[],
	): Promise<({ logId: number; rating: Grade } | undefined)[]> {
		const answered = outcomes.flatMap((outcome, i) => {
			if (!outcome.answered) return [];
			const q = this.items[i].question;
			const grade = fsrsGrade(outcome, expectedSeconds(q, this.spec.lang) * 1000, isCoinFlip(q));
			const { deck, id, timeMs: durationMs, overruled } = outcome;
			// A question made from a card is a review of that card.
			const review = { deck, id: cardIdOf(id), grade, durationMs, overruled };
			return [{ item: i, review }];
		});
		const db = await database();
		const logIds = await saveAnswersAsReviews(
			db,
			answered.map((a) => a.review),
			{
				days: await learnerStudyDays(db),
				uiLang: this.spec.lang,
				clock: Date.now,
				onChange: announceChange,
			},
		);
		const reviews: ({ logId: number; rating: Grade } | undefined)[] = [];
		answered.forEach(({ item, review }, k) => {
			const logId = logIds[k];
			if (logId !== undefined) reviews[item] = { logId, rating: review.grade };
		});
		const saved = logIds.filter((id) => id !== undefined).length;
		if (saved > 0) void afterReviewsChanged(saved);
		return reviews;
	}
}

function needsChinese(answer: Answer): boolean {
	const texts =
		answer.type === 'short' ? [answer.text] : answer.type === 'cloze' ? answer.blanks : [];
	return texts.some((t) => /\p{Script=Han}/u.test(t));
}

function clozeText(text: string): string {
	const parsed = parseCloze(text);
	return parsed.ok ? clozeWithGaps(parsed.value) : text;
}
