import { MAX_CREATE_BYTES } from '$lib/live/protocol';
import { readBody, refused, reply, STOPPING } from '$lib/server/live/http';
import { liveHub } from '$lib/server/live/instance';
import { shuttingDown } from '$lib/server/ops/shutdown';
import type { RequestHandler } from './$types';

/**
 * Creates a game; the answer holds the host token and the join key, shown nowhere else and
 * stored only hashed. Each address may create only so many (see DEFAULT_LIMITS). A game for a
 * class is its teacher's: the session says who is asking.
 */
export const POST: RequestHandler = async ({ request, getClientAddress, locals }) => {
	// A stopping instance takes no new game: the host tries again and lands on another one.
	if (shuttingDown()) return refused(STOPPING);
	// A new game may carry the host's own decks: a larger body than any other request.
	const read = await readBody(request, MAX_CREATE_BYTES);
	if (!read.ok) return read.error;
	const hub = await liveHub();
	return reply(await hub.create(read.value, getClientAddress(), locals.user?.id ?? null));
};
