import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Accounts.deleteAccount (src/lib/server/auth/accounts.ts).
export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).deleteAccount(request, getClientAddress());
