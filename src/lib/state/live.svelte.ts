/**
 * A screen of the live classroom (host or phone): follows the game's event stream and keeps what
 * the screen shows. EventSource reconnects by itself; the server sends each (re)connection what
 * it missed since the last event id it saw, or a snapshot of the game.
 */
import * as v from 'valibot';
import { LiveEvent, type LiveEventOf } from '$lib/live/protocol';

type Lobby = LiveEventOf<'lobby'>;

export class LiveScreen {
	connected = $state(false);
	/** "Reconnecting…" only after a first connection: not while the page is still opening. */
	everConnected = $state(false);
	lobby = $state<Lobby | undefined>();
	locked = $state(false);
	me = $state<LiveEventOf<'me'> | undefined>();
	question = $state<LiveEventOf<'question'> | undefined>();
	/** Server clock minus ours: countdowns use the server's times. */
	skew = $state(0);
	answered = $state<number | undefined>();
	progress = $state<LiveEventOf<'progress'> | undefined>();
	reveal = $state<LiveEventOf<'reveal'> | undefined>();
	result = $state<LiveEventOf<'result'> | undefined>();
	/** The host's list of typed answers marked wrong, which it may accept for everyone. */
	answers = $state<LiveEventOf<'answers'> | undefined>();
	leaderboard = $state<LiveEventOf<'leaderboard'> | undefined>();
	end = $state<LiveEventOf<'end'> | undefined>();
	kicked = $state(false);
	/**
	 * The server refused the stream (403: this device's token is not one of the game's; 404: no
	 * such game): retrying cannot help, so the screen says so instead of "Reconnecting…".
	 */
	refused = $state<403 | 404 | undefined>();
	/** This player's outcome per revealed question (by index), for adding them to the reviews. */
	outcomes = $state<Record<number, { id?: string; answered?: boolean; correct?: boolean }>>({});
	#source: EventSource | undefined;

	connect(url: string): () => void {
		let stopped = false;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let lastHeard = Date.now();
		let lastId = '';
		const open = () => {
			lastHeard = Date.now();
			const resume = lastId ? `&lastEventId=${encodeURIComponent(lastId)}` : '';
			const source = new EventSource(url + resume);
			this.#source = source;
			let opened = false;
			source.onopen = () => {
				opened = true;
				this.connected = true;
				this.everConnected = true;
				lastHeard = Date.now();
			};
			source.addEventListener('ping', (e: MessageEvent<string>) => {
				lastHeard = Date.now();
				let now: unknown;
				try {
					now = (JSON.parse(e.data) as { now?: unknown }).now;
				} catch {
					return;
				}
				if (typeof now === 'number' && Number.isFinite(now)) this.skew = now - Date.now();
			});
			source.onerror = async () => {
				this.connected = false;
				source.close();
				// EventSource hides the status of a refused stream: ask once, without keeping the stream.
				if (!opened) {
					const status = await streamStatus(url);
					if (status === 403 || status === 404) {
						this.refused = status;
						return;
					}
				}
				// Browsers differ in when and how often they retry a broken stream (a restarting
				// server, a phone changing networks): reconnect on our own, every second.
				if (!stopped && !this.kicked) retry = setTimeout(open, 1000);
			};
			source.onmessage = (e: MessageEvent<string>) => {
				lastHeard = Date.now();
				if (e.lastEventId) lastId = e.lastEventId;
				let data: unknown;
				try {
					data = JSON.parse(e.data);
				} catch {
					return;
				}
				const parsed = v.safeParse(LiveEvent, data);
				if (parsed.success) this.apply(parsed.output);
			};
		};
		open();
		// A stream can die without an error (Wi-Fi gone, a half-open socket): the server pings every
		// 10 s, so 25 s of silence means reconnect.
		const watchdog = setInterval(() => {
			if (!stopped && !this.kicked && !this.refused && Date.now() - lastHeard > 25_000) {
				this.connected = false;
				this.#source?.close();
				clearTimeout(retry);
				open();
			}
		}, 5_000);
		return () => {
			stopped = true;
			clearTimeout(retry);
			clearInterval(watchdog);
			this.#source?.close();
		};
	}

	apply(e: LiveEvent) {
		switch (e.type) {
			case 'lobby':
				this.lobby = e;
				this.locked = e.locked;
				break;
			case 'locked':
				this.locked = e.locked;
				break;
			case 'me':
				this.me = e;
				break;
			case 'question':
				if (this.question?.index !== e.index) {
					this.reveal = undefined;
					this.result = undefined;
					this.leaderboard = undefined;
					this.progress = undefined;
					this.answered = undefined;
					this.answers = undefined;
				}
				this.question = e;
				this.skew = e.now - Date.now();
				break;
			case 'answered':
				this.answered = e.index;
				break;
			case 'progress':
				this.progress = e;
				break;
			case 'reveal':
				this.reveal = e;
				this.outcomes[e.index] = { ...this.outcomes[e.index], id: e.id };
				break;
			case 'answers':
				this.answers = e;
				break;
			case 'result':
				// An earlier question's result (its answer accepted after the game) changes only
				// what is kept for the reviews, not the screen.
				if (!this.question || this.question.index === e.index) this.result = e;
				this.outcomes[e.index] = {
					...this.outcomes[e.index],
					answered: e.answered,
					correct: e.correct,
				};
				break;
			case 'leaderboard':
				this.leaderboard = e;
				break;
			case 'end':
				this.end = e;
				break;
			case 'kicked':
				this.kicked = true;
				this.#source?.close();
				break;
		}
	}

	/** What is on screen now. */
	get stage(): 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'end' | 'kicked' {
		if (this.kicked) return 'kicked';
		if (this.end) return 'end';
		if (this.leaderboard) return 'leaderboard';
		if (this.reveal) return 'reveal';
		if (this.question) return 'question';
		return 'lobby';
	}
}

/** The HTTP status of the stream at `url`, read and then dropped; undefined without network. */
async function streamStatus(url: string): Promise<number | undefined> {
	const abort = new AbortController();
	try {
		const response = await fetch(url, { signal: abort.signal, cache: 'no-store' });
		return response.status;
	} catch {
		return undefined;
	} finally {
		abort.abort();
	}
}

/** Tokens kept on this device: a phone that reloads rejoins as the same player. */
export interface Seat {
	code: string;
	token: string;
	/** The host's: the game's join key, for the projector's link and QR code. */
	joinKey?: string;
	playerId?: string;
	nickname?: string;
	createdAt: number;
}

const KEY = { host: 'kioku:live-host', player: 'kioku:live-player' } as const;

export function loadSeats(role: keyof typeof KEY): Seat[] {
	try {
		const raw = JSON.parse(localStorage.getItem(KEY[role]) ?? '[]') as unknown;
		return Array.isArray(raw)
			? (raw as Seat[]).filter((s) => typeof s?.code === 'string' && typeof s?.token === 'string')
			: [];
	} catch {
		return [];
	}
}

export function saveSeat(role: keyof typeof KEY, seat: Seat) {
	const seats = [seat, ...loadSeats(role).filter((s) => s.code !== seat.code)].slice(0, 30);
	try {
		localStorage.setItem(KEY[role], JSON.stringify(seats));
	} catch {
		// Without storage the game still works; a reload would need to join again.
	}
}

/** A seat the server no longer knows (an ended game, a code since reused) is forgotten. */
export function forgetSeat(role: keyof typeof KEY, code: string) {
	try {
		const seats = loadSeats(role).filter((s) => s.code !== code);
		localStorage.setItem(KEY[role], JSON.stringify(seats));
	} catch {
		// Nothing stored, nothing to forget.
	}
}

export function seatFor(role: keyof typeof KEY, code: string): Seat | undefined {
	return loadSeats(role).find((s) => s.code === code);
}

export async function postJson(url: string, body: unknown, token?: string) {
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {}),
		},
		body: JSON.stringify(body),
	});
	const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	return { ok: response.ok, status: response.status, data };
}
