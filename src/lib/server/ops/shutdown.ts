/**
 * Graceful shutdown. On SIGTERM or SIGINT the instance stops taking work at once (`/readyz`
 * answers 503, new games and new event streams are refused), then runs its shutdown steps phase
 * by phase and exits 0; past a deadline it exits 1 with what was still running. A second signal
 * ends the process at once (Node's default: the handlers are removed at the first).
 *
 * The phases, in order:
 * - `drain`: wait KIOKU_SHUTDOWN_DRAIN_MS, still serving, so a load balancer polling /readyz
 *   sends no new traffic here before streams are closed;
 * - `save`: pending writes are saved (the live hub's flush);
 * - `hand-over`: the games this instance leads are handed to another (the lease work registers
 *   its step here), so the screens that reconnect next find their game there;
 * - `reconnect`: every open event stream is closed; the screens reconnect by themselves (see
 *   src/lib/state/live-stream.ts), and a proxy sends them to another instance;
 * - `exit`: last writes after the streams closed.
 * Steps of one phase run together.
 */
import { log } from '../log';

export const PHASES = ['drain', 'save', 'hand-over', 'reconnect', 'exit'] as const;
export type Phase = (typeof PHASES)[number];

interface Step {
	phase: Phase;
	name: string;
	run: () => Promise<void> | void;
}

export interface ShutdownOptions {
	/** How long the instance keeps serving, not ready, before its steps (default 0). */
	drainMs?: number;
	/** How long the steps may take in all before the process exits anyway (default 8 s). */
	deadlineMs?: number;
	exit?: (code: number) => void;
}

/** A process manager kills soon after asking (systemd, Docker and Kubernetes wait 10 s or more). */
export const DEFAULT_DEADLINE_MS = 8_000;

const steps: Step[] = [];
let stopping: Promise<void> | undefined;
let installed = false;

/** Whether a shutdown has begun: no new work is taken from then on. */
export function shuttingDown(): boolean {
	return stopping !== undefined;
}

/**
 * Adds a step to run on shutdown, in its phase; returns a function that removes it (a module
 * that is replaced, as in tests, takes its step with it).
 */
export function onShutdown(phase: Phase, name: string, run: Step['run']): () => void {
	const step = { phase, name, run };
	steps.push(step);
	return () => {
		const at = steps.indexOf(step);
		if (at >= 0) steps.splice(at, 1);
	};
}

/**
 * Runs every step, phase by phase, and exits: 0 when all finished, 1 when one failed or the
 * deadline passed first. Called again, it returns the shutdown already under way.
 */
export function shutDown(reason: string, o: ShutdownOptions = {}): Promise<void> {
	stopping ??= run(reason, o);
	return stopping;
}

async function run(reason: string, o: ShutdownOptions): Promise<void> {
	const exit = o.exit ?? ((code: number) => process.exit(code));
	const drainMs = o.drainMs ?? 0;
	const deadlineMs = o.deadlineMs ?? DEFAULT_DEADLINE_MS;
	log.info({ reason, drainMs, deadlineMs }, 'Shutting down: no new games or streams');
	if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
	const running = new Set<string>();
	let late: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<'late'>((resolve) => {
		late = setTimeout(() => resolve('late'), deadlineMs);
	});
	const phases = (async () => {
		let failed = false;
		for (const phase of PHASES) {
			const now = steps.filter((s) => s.phase === phase);
			await Promise.all(
				now.map(async (step) => {
					running.add(step.name);
					try {
						await step.run();
					} catch (error) {
						failed = true;
						log.error({ err: error, step: step.name }, 'A shutdown step failed');
					} finally {
						running.delete(step.name);
					}
				}),
			);
		}
		return failed ? 'failed' : 'done';
	})();
	const outcome = await Promise.race([phases, deadline]);
	clearTimeout(late);
	if (outcome === 'late') {
		log.error({ running: [...running], deadlineMs }, 'Shutdown steps still running; exiting');
	} else {
		log.info({ outcome }, 'Stopped');
	}
	exit(outcome === 'done' ? 0 : 1);
}

/** Shuts down on SIGTERM and SIGINT (once per process, however often it is called). */
export function installShutdown(o: ShutdownOptions = {}): void {
	if (installed) return;
	installed = true;
	const signals = ['SIGTERM', 'SIGINT'] as const;
	const handle = (signal: NodeJS.Signals) => {
		// From now on Node's default applies to either signal: a second one ends the process.
		for (const s of signals) process.removeListener(s, handle);
		void shutDown(signal, o);
	};
	for (const signal of signals) process.on(signal, handle);
}
