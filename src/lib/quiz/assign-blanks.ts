/**
 * Which blank each answer box of a cloze is graded against. A box is graded against its own
 * blank, except in the text's any-order group (`{{~…}}`), whose typed answers go to the group's
 * blanks in whichever one-to-one assignment gets the most right: "coercion · force" for
 * "by {{~force}} or {{~coercion}}" is all right.
 */

/**
 * The blank for each box (`result[box]`), each blank used once. `group` lists the any-order
 * blanks; `isRight(box, blank)` says whether the box's answer is right for that blank. Among the
 * best assignments, boxes keep their own blank where they can, so a wrong box is shown the
 * answer of the blank it stands in.
 */
export function assignBlanks(
	count: number,
	group: readonly number[],
	isRight: (box: number, blank: number) => boolean,
): number[] {
	const assignment = Array.from({ length: count }, (_, i) => i);
	if (group.length < 2) return assignment;
	const blankOf = new Map<number, number>();
	const boxOf = new Map<number, number>();
	const take = (box: number, blank: number) => {
		blankOf.set(box, blank);
		boxOf.set(blank, box);
	};
	for (const box of group) if (isRight(box, box)) take(box, box);
	// Augmenting paths (Kuhn's algorithm): a box takes a blank, moving that blank's holder to
	// another blank it is right for, and so on; the number of right boxes can only grow.
	const augment = (box: number, seen: Set<number>): boolean => {
		for (const blank of group) {
			if (seen.has(blank) || !isRight(box, blank)) continue;
			seen.add(blank);
			const holder = boxOf.get(blank);
			if (holder === undefined || augment(holder, seen)) {
				take(box, blank);
				return true;
			}
		}
		return false;
	};
	for (const box of group) if (!blankOf.has(box)) augment(box, new Set());
	const free = group.filter((blank) => !boxOf.has(blank));
	for (const box of group) {
		if (blankOf.has(box)) continue;
		const blank = free.includes(box) ? box : free[0];
		free.splice(free.indexOf(blank), 1);
		take(box, blank);
	}
	for (const box of group) assignment[box] = blankOf.get(box)!;
	return assignment;
}
