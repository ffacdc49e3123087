/**
 * What other parts of the server hold for a user, so that "delete my account" removes it and
 * "download my data" includes it. The sync store adds its part here (its `deleteUser` and
 * `exportUser` from src/lib/server/sync/); the account's own rows are handled by accounts.ts.
 */
export interface UserDataPart {
	/** The key of this part in the downloaded JSON. */
	name: string;
	exportUser(userId: string): Promise<unknown>;
	/** Removes every row of the user; called before the account's own rows go. */
	deleteUser(userId: string): Promise<void>;
}

/** The parts the running server knows of (src/lib/server/auth/instance.ts passes them on). */
export const USER_DATA_PARTS: UserDataPart[] = [];
