/**
 * The installed app's lifecycle in the page: registers the service worker, offers a new version
 * (and reloads only when the learner accepts, never under them), and offers installation.
 */
import { dev } from '$app/environment';
import { getContext, setContext } from 'svelte';
import { reloadForMissingChunk } from './chunk-reload.ts';
import { Connectivity, probeServer } from './connectivity.ts';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const CHECK_EVERY_MS = 30 * 60_000;
const KEY = Symbol('app-lifecycle');

export class AppLifecycle {
	/** A new version is installed and waiting. */
	updateReady = $state(false);
	/** Another tab switched to the new version: this one should reload when convenient. */
	updatedElsewhere = $state(false);
	canInstall = $state(false);
	/** Whether the server can be reached (see connectivity.ts: not `navigator.onLine` alone). */
	online = $state(true);
	readonly connectivity = new Connectivity({
		navigatorOnLine: () => navigator.onLine,
		probe: () => probeServer(location.origin),
		onChange: (online) => (this.online = online),
		setTimer: (fn, ms) => setTimeout(fn, ms),
		clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
	});
	#registration: ServiceWorkerRegistration | undefined;
	#installPrompt: InstallPromptEvent | undefined;
	#accepting = false;

	start(): () => void {
		const setOnline = () => void this.connectivity.check();
		const onVisible = () => document.visibilityState === 'visible' && setOnline();
		setOnline();
		const onInstallPrompt = (e: Event) => {
			e.preventDefault();
			this.#installPrompt = e as InstallPromptEvent;
			this.canInstall = true;
		};
		const onInstalled = () => (this.canInstall = false);
		const onPreloadError = (e: Event) => {
			// Left unprevented, the import fails and its caller says so (offline, for instance).
			if (reloadForMissingChunk(location.href, navigator.onLine, () => location.reload()))
				e.preventDefault();
		};
		addEventListener('online', setOnline);
		addEventListener('offline', setOnline);
		document.addEventListener('visibilitychange', onVisible);
		addEventListener('beforeinstallprompt', onInstallPrompt);
		addEventListener('appinstalled', onInstalled);
		addEventListener('vite:preloadError', onPreloadError);
		// After the page has loaded and the browser is idle: installing fetches every file of the
		// app for offline use, which on a first visit over a slow network would otherwise share the
		// connection with the page's own scripts.
		let idle: number | undefined;
		const idleCallbacks = 'requestIdleCallback' in window;
		const register = () => {
			const run = () => void this.#register();
			idle = idleCallbacks
				? requestIdleCallback(run, { timeout: 5000 })
				: window.setTimeout(run, 200);
		};
		if (document.readyState === 'complete') register();
		else addEventListener('load', register, { once: true });
		const timer = setInterval(() => void this.#registration?.update(), CHECK_EVERY_MS);
		return () => {
			removeEventListener('load', register);
			if (idle !== undefined) (idleCallbacks ? cancelIdleCallback : window.clearTimeout)(idle);
			clearInterval(timer);
			removeEventListener('online', setOnline);
			removeEventListener('offline', setOnline);
			document.removeEventListener('visibilitychange', onVisible);
			this.connectivity.stop();
			removeEventListener('beforeinstallprompt', onInstallPrompt);
			removeEventListener('appinstalled', onInstalled);
			removeEventListener('vite:preloadError', onPreloadError);
		};
	}

	async #register() {
		if (!('serviceWorker' in navigator)) return;
		try {
			const registration = await navigator.serviceWorker.register('/service-worker.js', {
				type: dev ? 'module' : 'classic',
				// The browser checks sw.js itself for updates, never a copy from its HTTP cache.
				updateViaCache: 'none',
			});
			this.#registration = registration;
			const hadController = !!navigator.serviceWorker.controller;
			if (registration.waiting && hadController) this.updateReady = true;
			registration.addEventListener('updatefound', () => {
				const worker = registration.installing;
				worker?.addEventListener('statechange', () => {
					if (worker.state === 'installed' && navigator.serviceWorker.controller)
						this.updateReady = true;
				});
			});
			navigator.serviceWorker.addEventListener('controllerchange', () => {
				if (this.#accepting) location.reload();
				else if (hadController) this.updatedElsewhere = true;
			});
		} catch {
			// No service worker (private mode, old browser): the app still works online.
		}
	}

	/** The learner chose to switch to the new version now. */
	acceptUpdate() {
		const waiting = this.#registration?.waiting;
		this.#accepting = true;
		if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
		else location.reload();
	}

	async install() {
		const prompt = this.#installPrompt;
		if (!prompt) return;
		await prompt.prompt();
		await prompt.userChoice;
		this.#installPrompt = undefined;
		this.canInstall = false;
	}
}

/** iOS Safari has no install prompt: the learner adds Kioku from the Share menu. */
export function needsIosInstallHint(): boolean {
	const ios = /iphone|ipad|ipod/i.test(navigator.userAgent);
	const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
	return ios && !standalone;
}

/** One lifecycle per page, shared through context (set by the root layout). */
export function setAppLifecycle(app: AppLifecycle): AppLifecycle {
	return setContext(KEY, app);
}

export function getAppLifecycle(): AppLifecycle {
	return getContext<AppLifecycle>(KEY);
}
