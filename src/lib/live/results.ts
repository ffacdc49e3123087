/**
 * What the teacher takes away: each player's answers and each question's success rate, on
 * screen or as a CSV file. Only revealed questions count, as only they reached the scores.
 */
import type { ContentLocale } from '../bank/schema.ts';
import { csvCell } from '../csv.ts';
import { standings } from './events.ts';
import { renderAnswer } from './grade.ts';
import type { GameResults, PlayerAnswerResult, PlayerResult, QuestionResult } from './protocol.ts';
import { answerOf, answersTo, playerList, type GameState } from './state.ts';
import { TEAMS, teamCount, teamOf, teamStandings } from './teams.ts';

const defaultLang = (state: GameState): ContentLocale =>
	state.settings.lang === 'zh' ? 'zh' : 'en';

export function results(state: GameState, lang: ContentLocale = defaultLang(state)): GameResults {
	const asked = state.questions.slice(0, state.asked);
	const players = standings(state).map(({ player, rank }): PlayerResult => {
		const questions = asked.map((g, index): PlayerAnswerResult => {
			const r = answerOf(state, index, player.id);
			return {
				index,
				answered: r !== undefined,
				correct: r?.correct ?? false,
				accepted: r?.accepted ?? false,
				elapsedMs: r?.elapsedMs ?? null,
				points: r?.points ?? 0,
				answer: r ? renderAnswer(g, r.answer, lang) : '',
			};
		});
		const correct = questions.filter((q) => q.correct).length;
		const team = teamOf(state, player);
		return {
			id: player.id,
			nickname: player.nickname,
			rank,
			score: player.score,
			correct,
			...(team === undefined ? {} : { team }),
			questions,
		};
	});
	const total = playerList(state).length;
	const questions = asked.map((g, index): QuestionResult => {
		const records = answersTo(state, index);
		const correct = records.filter((r) => r.correct).length;
		const wrong = new Map<string, { text: string; count: number }>();
		for (const r of records.filter((r) => !r.correct)) {
			const text = renderAnswer(g, r.answer, lang);
			const key = text.toLowerCase();
			wrong.set(key, {
				text: wrong.get(key)?.text ?? text,
				count: (wrong.get(key)?.count ?? 0) + 1,
			});
		}
		const common = [...wrong.values()].reduce<{ text: string; count: number } | null>(
			(best, w) => (best === null || w.count > best.count ? w : best),
			null,
		);
		const sumMs = records.reduce((sum, r) => sum + r.elapsedMs, 0);
		return {
			index,
			id: g.question.id,
			type: g.question.type,
			prompt: g.question.prompt[lang],
			answered: records.length,
			correct,
			correctPercent: total === 0 ? 0 : Math.round((100 * correct) / total),
			averageMs: records.length === 0 ? null : Math.round(sumMs / records.length),
			commonWrong: common?.text ?? null,
		};
	});
	const teams = teamCount(state) > 0 ? { teams: [...teamStandings(state)] } : {};
	return { players, questions, ...teams };
}

// The formula guard lives with the other CSV of the app (the class gradebook's).
export { csvCell };

const HEADER = [
	'rank',
	'nickname',
	'score',
	'question',
	'question id',
	'prompt',
	'answer',
	'correct',
	'time (ms)',
	'points',
	'accepted by host',
];

/**
 * RFC 4180: every field quoted, CRLF after every record; one row per player per question. With
 * teams, a "team" column after the nickname names the player's team in `lang`.
 */
export function resultsCsv(state: GameState, lang: ContentLocale): string {
	const r = results(state, lang);
	const withTeams = teamCount(state) > 0;
	const header = withTeams ? [...HEADER.slice(0, 2), 'team', ...HEADER.slice(2)] : HEADER;
	const teamName = (team: number | undefined) =>
		team === undefined ? '' : (TEAMS[team]?.name[lang] ?? '');
	const rows = r.players.flatMap((p) =>
		p.questions.map((a) => {
			const q = r.questions[a.index];
			return [
				p.rank,
				p.nickname,
				...(withTeams ? [teamName(p.team)] : []),
				p.score,
				a.index + 1,
				q.id,
				q.prompt,
				a.answer,
				a.correct ? 'yes' : 'no',
				a.elapsedMs ?? '',
				a.points,
				a.accepted ? 'yes' : '',
			];
		}),
	);
	return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
