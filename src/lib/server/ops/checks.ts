/** The health checks of this process: its database, its live hub, its shutdown. */
import { serverDatabase } from '../db/server-database';
import { liveHub } from '../live/instance';
import type { HealthChecks } from './health';
import { shuttingDown } from './shutdown';

export const checks: HealthChecks = {
	database: serverDatabase,
	liveRestored: async () => (await liveHub()).whenRestored(),
	shuttingDown,
};
