// Several Kioku instances on one PostgreSQL behind nginx, configured by deploy/nginx.conf: what
// holds no state on an instance (accounts, sessions, sync) works whichever instance answers.
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';
import { startCluster, type Cluster } from './cluster';
import { expect, ownPort, test } from './fixtures';

test.describe('three instances behind nginx', () => {
	let cluster: Cluster;
	test.beforeAll(async () => {
		test.setTimeout(120_000);
		cluster = await startCluster(ownPort(40), 3);
	});
	test.afterAll(async () => {
		await cluster?.stop();
	});

	test('an account made through nginx is signed in on every instance, and what one device pushes another pulls from any', async () => {
		const signUp = await fetch(`${cluster.base}/api/account/sign-up`, {
			method: 'POST',
			headers: { origin: cluster.base, 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'cluster-ann', password: 'a long enough password' }),
		});
		expect(signUp.status).toBe(200);
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('better-auth.session_token='))!;
		expect(cookie).toBeTruthy();
		// Straight to each instance, as nginx would forward it (an instance behind nginx reads the
		// client's address from X-Forwarded-For, and refuses a request without one).
		const forwarded = { 'x-forwarded-for': '127.0.0.1' };
		for (const instance of cluster.instances) {
			const me = await fetch(`${instance.base}/api/account/session`, {
				headers: { cookie, ...forwarded },
			});
			expect(await me.json(), instance.id).toMatchObject({ user: { name: 'cluster-ann' } });
		}

		const config = schedulerConfig(DEFAULT_DECK_OPTIONS);
		const key = configKey(config);
		const at = Date.now() - 60_000;
		const review = {
			kind: 'review',
			uid: uuid7(at),
			cardId: 'us-japan-2023/security-defence/q1',
			deck: 'us-japan-2023/security-defence',
			rating: 3,
			review: at,
			durationMs: 4000,
			config: key,
		};
		const [first, , third] = cluster.instances;
		const pushed = await fetch(`${first.base}/api/sync/push`, {
			method: 'POST',
			headers: { origin: first.base, 'content-type': 'application/json', cookie, ...forwarded },
			body: JSON.stringify({ changes: [{ kind: 'config', key, config }, review] }),
		});
		expect(pushed.status).toBe(200);
		for (const base of [third.base, cluster.base]) {
			const pulled = await fetch(`${base}/api/sync/pull?cursor=0&limit=100`, {
				headers: { cookie, ...forwarded },
			});
			const body = (await pulled.json()) as { changes: { uid?: string }[] };
			expect(body.changes.map((c) => c.uid).filter(Boolean), base).toEqual([review.uid]);
		}
	});
});
