/**
 * fsrs-rs 6.x, the FSRS project's own implementation, for Node: the reference Kioku's scheduler is
 * tested against, and the 6.x optimizer of `npm run bench:fsrs`. Never part of the app.
 *
 * Its npm wrapper (@open-spaced-repetition/binding) lists a native package per platform, but
 * only Linux x64's is published, which makes `npm ci` refuse the lock file everywhere. So Kioku
 * depends on that one package (optional: other machines install without it) and loads it here.
 */
import { createRequire } from 'node:module';

export interface MemoryState {
	readonly stability: number;
	readonly difficulty: number;
}
interface ItemState {
	readonly memory: MemoryState;
	readonly interval: number;
}
export interface NextStates {
	readonly again: ItemState;
	readonly hard: ItemState;
	readonly good: ItemState;
	readonly easy: ItemState;
}
export interface FsrsRs {
	FSRSBinding: new (parameters?: number[]) => {
		nextStates(
			memory: MemoryState | null,
			desiredRetention: number,
			daysElapsed: number,
		): NextStates;
	};
	BindingMemoryState: new (stability: number, difficulty: number) => MemoryState;
	FSRSBindingReview: new (rating: number, deltaT: number) => object;
	FSRSBindingItem: new (reviews: object[]) => object;
	computeParameters(items: object[], options: { enableShortTerm: boolean }): Promise<number[]>;
}

export function loadFsrsRs(): FsrsRs {
	try {
		return createRequire(import.meta.url)(
			'@open-spaced-repetition/binding-linux-x64-gnu',
		) as FsrsRs;
	} catch (e) {
		throw new Error(
			`fsrs-rs for Node is not installed: npm publishes it for Linux x64 only ` +
				`(@open-spaced-repetition/binding-linux-x64-gnu). ${(e as Error).message}`,
			{ cause: e },
		);
	}
}
