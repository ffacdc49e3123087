import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Accounts.recover (src/lib/server/auth/accounts.ts).
export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).recover(request, getClientAddress());
