import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Accounts.session (src/lib/server/auth/accounts.ts).
export const GET: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).session(request, getClientAddress());
