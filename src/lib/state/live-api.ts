/**
 * The classroom's requests, typed by the protocol's schemas: what is sent is a request type, and
 * each answer is checked against its response schema before anyone reads it. A request ends in
 * the shared Result shape: the value, or why not (no network, or the server's refusal).
 */
import * as v from 'valibot';
import {
	AnswerTaken,
	GameCreated,
	GameResults,
	HostActed,
	Joined,
	Refused,
	type AnswerRequest,
	type CreateGame,
	type HostAction,
	type Join,
	type OwnDeckProblem,
} from '$lib/live/protocol';
import { err, ok, type Result } from '$lib/result';

export type LiveFailure =
	/** The request did not reach the server, or its answer did not come back. */
	| { kind: 'offline' }
	/** The server's status and its message (for logs and tools; screens say their own). */
	| { kind: 'refused'; status: number; message: string; ownDeck?: OwnDeckProblem };

export type LiveReply<T> = Result<T, LiveFailure>;

const games = '/api/live/games';

/**
 * A game moving between servers (its server stopped or died, and another takes it over) answers
 * 503 with Retry-After: the request did nothing, and is sent again after that many seconds, for
 * up to this long in all, before the screen is told.
 */
const MOVING_RETRY_MS = 12_000;

async function send<S extends v.GenericSchema>(
	url: string,
	schema: S,
	init: { body?: unknown; token?: string } = {},
	retryFor = MOVING_RETRY_MS,
): Promise<LiveReply<v.InferOutput<S>>> {
	const headers: Record<string, string> = {};
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	let response: Response;
	let body: unknown;
	try {
		response = await fetch(url, {
			method: init.body === undefined ? 'GET' : 'POST',
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		body = await response.json().catch(() => undefined);
	} catch {
		return err({ kind: 'offline' });
	}
	const wait = Number(response.headers.get('retry-after')) * 1000;
	if (response.status === 503 && wait > 0 && wait <= retryFor) {
		await new Promise((resolve) => setTimeout(resolve, wait));
		return send(url, schema, init, retryFor - wait);
	}
	if (!response.ok) {
		const refused = v.safeParse(Refused, body);
		const message = refused.success ? refused.output.error : '';
		const ownDeck = refused.success ? refused.output.ownDeck : undefined;
		return err({
			kind: 'refused',
			status: response.status,
			message,
			...(ownDeck ? { ownDeck } : {}),
		});
	}
	const parsed = v.safeParse(schema, body);
	if (parsed.success) return ok(parsed.output);
	return err({ kind: 'refused', status: response.status, message: 'Unexpected answer' });
}

/** A new game; the host token and join key in its answer are shown nowhere else. */
export const createGame = (settings: CreateGame) => send(games, GameCreated, { body: settings });

export const joinGame = (request: Join) =>
	send(`${games}/${request.code}/join`, Joined, { body: request });

export const sendAnswer = (code: string, token: string, request: AnswerRequest) =>
	send(`${games}/${code}/answer`, AnswerTaken, { body: request, token });

export const hostAction = (code: string, token: string, action: HostAction) =>
	send(`${games}/${code}/host`, HostActed, { body: action, token });

/** The host's results by player and by question, prompts and answers in `lang`. */
export const gameResults = (code: string, token: string, lang: 'zh' | 'en') =>
	send(`${games}/${code}/results?lang=${lang}`, GameResults, { token });

/** The stream of a game's events for the holder of `token` (EventSource sends no headers). */
export const eventsUrl = (code: string, token: string) =>
	`${games}/${code}/events?token=${encodeURIComponent(token)}`;

/** The results as a CSV file: a link the host's browser downloads, so the token is in it. */
export const resultsCsvUrl = (code: string, token: string, lang: 'zh' | 'en') =>
	`${games}/${code}/results.csv?lang=${lang}&token=${encodeURIComponent(token)}`;
