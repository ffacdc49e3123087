/**
 * `npm run cluster`: Kioku as several instances on a new PostgreSQL database behind nginx
 * (deploy/nginx.conf), on this machine, until Ctrl+C (which drops the database). The browser
 * suite runs against it with E2E_CLUSTER=1 (playwright.config.ts). Serves the existing build.
 * Flags: --port (nginx's; default PORT or 4173), --instances (default 3).
 */
import { startCluster } from './cluster.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag('port') ?? process.env.PORT ?? 4173);
const count = Number(flag('instances') ?? 3);
// One address plays every phone and every test here: the per-address limits are for real networks.
const cluster = await startCluster(port, count, {
	KIOKU_CREATE_LIMIT: process.env.KIOKU_CREATE_LIMIT ?? '1000000',
});
console.log(
	`Kioku: ${count} instances on PostgreSQL behind nginx at http://localhost:${port} ` +
		`(instances on ports ${cluster.instances.map((i) => i.port).join(', ')})`,
);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	// `on`, not `once`: the signal can come twice (to the process group, and again from tsx, which
	// passes it on), and a second one with no listener would end the process before it cleaned up.
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		void cluster.stop().finally(() => process.exit(0));
	});
