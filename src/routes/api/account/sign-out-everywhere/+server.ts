import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Accounts.signOutEverywhere (src/lib/server/auth/accounts.ts).
export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).signOutEverywhere(request, getClientAddress());
