import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Accounts.exportData (src/lib/server/auth/accounts.ts).
export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).exportData(request, getClientAddress());
