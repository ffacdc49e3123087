/**
 * What `/metrics` reports, in Prometheus's text format (prom-client): Node's own process metrics
 * and the classroom's. Gauges are read when Prometheus asks (from the hub and the database
 * pool), counters and histograms are fed as things happen. One registry per process, as the
 * hub and the database are one per process.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServerDatabase } from '../db/connection';

/** What the hub says about its load when asked (see LiveHub.load). */
export interface LiveLoad {
	games: number;
	players: number;
	streams: number;
}

/** The hooks the hub calls (HubOptions.metrics). */
export interface HubMetrics {
	/**
	 * Seconds from a step's events being made to their being written to the database and then to
	 * every stream.
	 */
	fannedOut(seconds: number): void;
	/**
	 * A stream opened with the last event id its client saw: sent exactly what it missed, or a
	 * snapshot (the id was older than the log keeps, or from a log that was not kept).
	 */
	resumed(exactly: boolean): void;
}

export interface Metrics {
	registry: Registry;
	hub: HubMetrics;
	/** A lease on a game taken over from an instance that stopped or stalled. */
	leaseTakeovers: Counter;
	/**
	 * An answer request's outcome: counted when accepted, its time from the request arriving to
	 * the acknowledgement observed.
	 */
	answered(accepted: boolean, seconds: number): void;
	/** Where the live gauges are read from; until it is set they report nothing. */
	watchLive(load: () => LiveLoad | undefined): void;
	/** The database whose pool is reported (PostgreSQL; SQLite has no pool). */
	watchDatabase(db: () => ServerDatabase | undefined): void;
	/** The text Prometheus reads, and its content type. */
	render(): Promise<{ text: string; contentType: string }>;
}

/**
 * A write to a stream is a few microseconds, a fan-out to 2,000 phones a few milliseconds, and
 * the events are written to the database first (a millisecond, more on a busy pool).
 */
const FAN_OUT_BUCKETS = [
	0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
];
/** An answer waits for its batch's write: about a millisecond on SQLite, more on a busy pool. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	let live: () => LiveLoad | undefined = () => undefined;
	let database: () => ServerDatabase | undefined = () => undefined;

	const liveGauge = (name: string, help: string, field: keyof LiveLoad) =>
		new Gauge({
			name,
			help,
			registers: [registry],
			collect() {
				const load = live();
				if (load) this.set(load[field]);
			},
		});
	liveGauge('kioku_live_games', 'Live games held by this instance', 'games');
	liveGauge('kioku_live_players', 'Players who joined the live games held here', 'players');
	liveGauge('kioku_live_streams', 'Open event streams (SSE connections)', 'streams');

	const answers = new Counter({
		name: 'kioku_live_answers_total',
		help: 'Answers accepted (rate() gives answers per second)',
		registers: [registry],
	});
	const ack = new Histogram({
		name: 'kioku_live_answer_ack_seconds',
		help: 'From an answer request arriving to its acknowledgement (accepted answers)',
		buckets: ACK_BUCKETS,
		registers: [registry],
	});
	const fanOut = new Histogram({
		name: 'kioku_live_fanout_seconds',
		help: 'From a game step making its events to their being written to the database and then to every stream',
		buckets: FAN_OUT_BUCKETS,
		registers: [registry],
	});
	const resumes = new Counter({
		name: 'kioku_live_stream_resumes_total',
		help: 'Event streams opened again with the last event id seen: sent what was missed (exact) or a snapshot',
		labelNames: ['how'] as const,
		registers: [registry],
	});
	const leaseTakeovers = new Counter({
		name: 'kioku_live_lease_takeovers_total',
		help: 'Games whose lease this instance took over from another',
		registers: [registry],
	});
	new Gauge({
		name: 'kioku_db_pool_connections',
		help: 'PostgreSQL pool connections: total, idle, and requests waiting for one',
		labelNames: ['state'] as const,
		registers: [registry],
		collect() {
			const db = database();
			if (db?.kind !== 'postgres' || !('totalCount' in db.driver)) return;
			this.set({ state: 'total' }, db.driver.totalCount);
			this.set({ state: 'idle' }, db.driver.idleCount);
			this.set({ state: 'waiting' }, db.driver.waitingCount);
		},
	});

	return {
		registry,
		hub: {
			fannedOut: (seconds) => fanOut.observe(seconds),
			resumed: (exactly) => resumes.inc({ how: exactly ? 'exact' : 'snapshot' }),
		},
		leaseTakeovers,
		answered(accepted, seconds) {
			if (!accepted) return;
			answers.inc();
			ack.observe(seconds);
		},
		watchLive(load) {
			live = load;
		},
		watchDatabase(db) {
			database = db;
		},
		async render() {
			return { text: await registry.metrics(), contentType: registry.contentType };
		},
	};
}

/** This process's metrics. */
export const metrics = createMetrics();
