import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Passkeys.signIn (src/lib/server/auth/passkeys.ts).
export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).passkeys.signIn(request, getClientAddress());
