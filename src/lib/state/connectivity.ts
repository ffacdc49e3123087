/**
 * Whether Kioku can reach its server. `navigator.onLine` alone is not enough: it says "online"
 * behind a captive portal, on some Android phones with no signal, and in a page reloaded while
 * offline (Chromium 150). It is trusted only when it says "offline"; otherwise a small request
 * (SvelteKit's `/_app/version.json`, which the service worker never answers) decides, and so does
 * any request of the app that fails or succeeds. While offline the probe is repeated.
 */

export interface ConnectivityDeps {
	navigatorOnLine: () => boolean;
	/** Resolves true when the server answered as itself (not a portal's page), false otherwise. */
	probe: () => Promise<boolean>;
	onChange: (online: boolean) => void;
	setTimer: (fn: () => void, ms: number) => unknown;
	clearTimer: (timer: unknown) => void;
}

/** While offline, how often the server is asked again. */
export const RETRY_MS = 15_000;

export class Connectivity {
	#online = true;
	#retry: unknown;
	#probing: Promise<void> | undefined;
	readonly #deps: ConnectivityDeps;

	constructor(deps: ConnectivityDeps) {
		this.#deps = deps;
	}

	get online(): boolean {
		return this.#online;
	}

	/** The browser says the network changed (start, `online`, `offline`, the page shown again). */
	check(): Promise<void> {
		if (!this.#deps.navigatorOnLine()) {
			this.#set(false);
			return Promise.resolve();
		}
		return this.#probe();
	}

	/** A request of the app could not reach the server (a network error, not an HTTP error). */
	requestFailed(): void {
		this.#set(false);
	}

	/** A request of the app got the server's answer. */
	requestSucceeded(): void {
		if (this.#deps.navigatorOnLine()) this.#set(true);
	}

	stop(): void {
		this.#deps.clearTimer(this.#retry);
		this.#retry = undefined;
	}

	#probe(): Promise<void> {
		this.#probing ??= this.#deps
			.probe()
			.catch(() => false)
			.then((reached) => this.#set(reached && this.#deps.navigatorOnLine()))
			.finally(() => (this.#probing = undefined));
		return this.#probing;
	}

	#set(online: boolean) {
		this.stop();
		if (!online) this.#retry = this.#deps.setTimer(() => void this.check(), RETRY_MS);
		if (online === this.#online) return;
		this.#online = online;
		this.#deps.onChange(online);
	}
}

/**
 * Asks the server for SvelteKit's version file. A failure, a redirect elsewhere or a page instead
 * of the file (a captive portal's login) is `false`; an HTTP error from the server itself (the dev
 * server has no version file) still shows it is reachable.
 */
export async function probeServer(origin: string, timeoutMs = 5000): Promise<boolean> {
	const response = await fetch(`${origin}/_app/version.json`, {
		cache: 'no-store',
		signal: AbortSignal.timeout(timeoutMs),
	});
	if (new URL(response.url).origin !== origin) return false;
	return !response.ok || (response.headers.get('content-type') ?? '').includes('json');
}
