// The order options are shown in a live game gives nothing away: the right option's place (and
// so its colour on phones that show only coloured buttons) cannot be told from anything a client
// receives or could compute from public data (the code, the question's index and id, the bank),
// and the per-game secret the order comes from is never sent.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { secretShuffle, secretShuffleNotAsGiven } from '../../src/lib/live/secret-order.ts';
import { seededShuffle } from '../../src/lib/random/seeded-shuffle.ts';
import type { LiveHub } from '../../src/lib/server/live/hub.ts';
import {
	events,
	fourOptions,
	GAME_SETTINGS,
	reader,
	shortQuestion,
	testHubs,
} from './live-fixtures.ts';

const hubs = testHubs({
	loadQuestions: async () => [fourOptions('q1'), fourOptions('q2'), shortQuestion('river')],
	createLimit: { perWindow: 1e9, windowMs: 60_000 },
	maxGames: 1e9,
});
const newHub = (path = ':memory:') => hubs.start({}, path);

/** Question order not shuffled, phones with coloured buttons only: the case the issue found. */
const COLOURS_ONLY = {
	...GAME_SETTINGS,
	types: ['single'],
	shuffle: false,
	optionsOnPhones: false,
};

/** Everything a phone reads in one game: its stream up to the reveal of the first question. */
async function playOne(hub: LiveHub, settings: object = COLOURS_ONLY) {
	const created = await hub.create(settings, 'teacher');
	if (!created.ok) throw new Error(created.error.message);
	const { code, hostToken } = created.value;
	const joined = await hub.join(code, { code, nickname: 'Ann' }, 'phone');
	if (!joined.ok) throw new Error(joined.error.message);
	const stream = await hub.connect(code, joined.value.token);
	if (!stream.ok) throw new Error(stream.error.message);
	const phone = reader(stream.value);
	await hub.host(code, hostToken, { action: 'start' });
	await hub.host(code, hostToken, { action: 'reveal' });
	const seen = events(await phone.read()).map((e) => e.data as Record<string, unknown>);
	await phone.cancel();
	const question = seen.find((e) => e.type === 'question') as {
		question: { count: number; options?: unknown };
	};
	const reveal = seen.find((e) => e.type === 'reveal') as { correct: { position: number } };
	return { code, question: question.question, right: reveal.correct.position };
}

describe('the order of a live game’s options', () => {
	it('puts the right option anywhere, evenly, over many games, even with "shuffle" off', async () => {
		const hub = await newHub();
		const games = 400;
		const counts = [0, 0, 0, 0];
		// What a phone could compute without the secret: the bank order, or an order seeded by
		// the code, the question's index and id (as the game did before it had a secret).
		let bankOrderRight = 0;
		let publicSeedRight = 0;
		// Played side by side: each phone's stream is read until it has been quiet a moment.
		const played = await Promise.all(Array.from({ length: games }, () => playOne(hub)));
		for (const { code, question, right } of played) {
			expect(question).not.toHaveProperty('options');
			counts[right]++;
			if (right === 0) bankOrderRight++;
			if (seededShuffle([0, 1, 2, 3], `${code}:0:q1`).indexOf(0) === right) publicSeedRight++;
		}
		// χ² against four equal places, 3 degrees of freedom: above 21.1 happens once in 10,000.
		const expected = games / 4;
		const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
		expect(chi2, `right option's places: ${counts}`).toBeLessThan(21.1);
		// Neither guess does better than chance (1 in 4; 0.33 is over 3.5 standard deviations).
		expect(bankOrderRight / games).toBeLessThan(0.33);
		expect(publicSeedRight / games).toBeLessThan(0.33);
	});

	it('is the same for the projector and the phones, and the same after a restart', async () => {
		const path = hubs.dbFile();
		const first = await newHub(path);
		const created = await first.create({ ...COLOURS_ONLY, optionsOnPhones: true }, 'teacher');
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const joined = await first.join(code, { code, nickname: 'Ann' }, 'phone');
		if (!joined.ok) throw new Error(joined.error.message);
		await first.host(code, hostToken, { action: 'start' });
		const shown = async (hub: LiveHub, token: string) => {
			const r = await hub.connect(code, token);
			if (!r.ok) throw new Error(r.error.message);
			const stream = reader(r.value);
			const seen = events(await stream.read()).map((e) => e.data as Record<string, unknown>);
			await stream.cancel();
			const q = seen.find((e) => e.type === 'question') as { question: { options: unknown } };
			return q.question.options;
		};
		const onProjector = await shown(first, hostToken);
		expect(await shown(first, joined.value.token)).toEqual(onProjector);
		const second = await newHub(path);
		expect(await shown(second, hostToken)).toEqual(onProjector);
		expect(await shown(second, joined.value.token)).toEqual(onProjector);
	});

	it('comes from a secret that no event, response or results file ever carries', async () => {
		const path = hubs.dbFile();
		const hub = await newHub(path);
		const sent: string[] = [];
		const keep = <T>(r: T) => (sent.push(JSON.stringify(r)), r);
		const settings = { ...GAME_SETTINGS, types: ['single', 'short'], count: 3 };
		const created = keep(await hub.create(settings, 'teacher'));
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const streams = [];
		const host = await hub.connect(code, hostToken);
		if (!host.ok) throw new Error(host.error.message);
		streams.push(reader(host.value));
		const tokens: string[] = [];
		for (const nickname of ['Ann', 'Bo']) {
			const j = keep(await hub.join(code, { code, nickname }, 'phone'));
			if (!j.ok) throw new Error(j.error.message);
			const s = await hub.connect(code, j.value.token);
			if (!s.ok) throw new Error(s.error.message);
			streams.push(reader(s.value));
			tokens.push(j.value.token);
		}
		for (let q = 0; q < 3; q++) {
			keep(await hub.host(code, hostToken, { action: q === 0 ? 'start' : 'next' }));
			for (const t of tokens) {
				const answer = { type: 'single', choice: 0 };
				keep(await hub.answer(code, t, { questionIndex: q, answer }));
				keep(await hub.answer(code, t, { questionIndex: q, answer: { type: 'short', text: 'x' } }));
			}
			keep(await hub.host(code, hostToken, { action: 'accept', questionIndex: q, text: 'x' }));
			keep(await hub.host(code, hostToken, { action: 'next' }));
		}
		keep(await hub.host(code, hostToken, { action: 'next' }));
		keep(await hub.results(code, hostToken, 'en'));
		keep(await hub.csv(code, hostToken, 'zh'));
		for (const s of streams) sent.push(await s.read());
		await hub.flush();
		const db = new Database(path, { readonly: true });
		const row = db.prepare('SELECT state FROM live_game WHERE code = ?').get(code) as {
			state: string;
		};
		db.close();
		const secret = (JSON.parse(row.state) as { secret?: string }).secret;
		expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
		const everything = sent.join('\n');
		expect(everything).toContain('"type":"end"');
		expect(everything).not.toContain(secret!.slice(0, 12));
		expect(everything).not.toContain('secret');
	});
});

describe('secretShuffle', () => {
	it('draws every order of three options equally often (the bank order too)', () => {
		const seen = new Map<string, number>();
		const draws = 6000;
		for (let i = 0; i < draws; i++) {
			const order = secretShuffle([0, 1, 2], 'a-secret-of-the-server', `${i}:q`).join('');
			seen.set(order, (seen.get(order) ?? 0) + 1);
		}
		expect(seen.size).toBe(6);
		// χ², 5 degrees of freedom: above 25.7 happens once in 10,000 (a fixed secret: no flake).
		const chi2 = [...seen.values()].reduce((sum, n) => sum + (n - 1000) ** 2 / 1000, 0);
		expect(chi2).toBeLessThan(25.7);
	});

	it('is the same for the same secret and label, and another for another secret', () => {
		const items = [...'abcdefghij'];
		expect(secretShuffle(items, 's1', 'x')).toEqual(secretShuffle(items, 's1', 'x'));
		expect(secretShuffle(items, 's1', 'x')).not.toEqual(secretShuffle(items, 's2', 'x'));
		expect(secretShuffle(items, 's1', 'x')).not.toEqual(secretShuffle(items, 's1', 'y'));
	});

	it('never shows order items in their right order', () => {
		for (let i = 0; i < 500; i++) {
			expect(secretShuffleNotAsGiven([0, 1], 's', String(i))).toEqual([1, 0]);
			expect(secretShuffleNotAsGiven([0, 1, 2], 's', String(i))).not.toEqual([0, 1, 2]);
		}
	});
});
