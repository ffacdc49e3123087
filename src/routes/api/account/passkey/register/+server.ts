import { accounts } from '$lib/server/auth/instance';
import type { RequestHandler } from './$types';

// See Passkeys.register (src/lib/server/auth/passkeys.ts).
export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await accounts()).passkeys.register(request, getClientAddress());
