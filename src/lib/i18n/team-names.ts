/** Team mode's names in the current UI language ("Team Blue" / "蓝队"); see live/teams.ts. */
import { TEAMS, type Team } from '$lib/live/teams';
import { m } from '$lib/paraglide/messages';
import { ordinalEn } from './ordinal';

const NAMES: Record<Team['key'], () => string> = {
	red: m.live_team_red,
	blue: m.live_team_blue,
	green: m.live_team_green,
	gold: m.live_team_gold,
	purple: m.live_team_purple,
	teal: m.live_team_teal,
};

/** A team number's name; a number the app does not know (a newer server's) reads as "Team 7". */
export const teamName = (team: number): string => {
	const t = TEAMS[team];
	return t ? NAMES[t.key]() : `${m.live_col_team()} ${team + 1}`;
};

/** The team's colour, always shown with its name (never the only sign). */
export const teamColour = (team: number): string => TEAMS[team]?.colour ?? '#56595e';

/**
 * A phone's line about its team after a question and at the end: "Team Blue · 2nd of 4 teams"
 * ("tied for 2nd" when another team has the same average); the name alone without scores.
 */
export function teamPlaceText(place: {
	team: number;
	rank?: number;
	tied?: boolean;
	of?: number;
}): string {
	const team = teamName(place.team);
	if (place.rank === undefined || place.of === undefined) return `${m.play_team()} ${team}`;
	const inputs = { team, place: ordinalEn(place.rank), rank: place.rank, n: place.of };
	return place.tied ? m.play_team_place_tied(inputs) : m.play_team_place(inputs);
}
