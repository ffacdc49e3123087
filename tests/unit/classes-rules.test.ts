import { describe, expect, it } from 'vitest';
import { graphemes } from '$lib/live/nickname';
import {
	MAX_CLASSES_PER_TEACHER,
	MAX_SEATS_PER_CLASS,
	MAX_STUDENT_NAME,
	type ClassErrorCode,
} from '$lib/classes/protocol';
import {
	CLASS_ERROR_STATUS,
	holdsSeat,
	joinRefusal,
	mayCreateClass,
	seatRefusal,
	studentNameAmong,
} from '$lib/classes/rules';

describe('class rules', () => {
	it('gives each refusal the status the protocol names', () => {
		const expected: Record<ClassErrorCode, number> = {
			'signed-out': 401,
			'no-seat': 401,
			'bad-origin': 403,
			'bad-request': 400,
			'name-empty': 400,
			'not-found': 404,
			'joining-closed': 423,
			'class-full': 409,
			'too-many-classes': 409,
			'too-many-attempts': 429,
		};
		expect(CLASS_ERROR_STATUS).toEqual(expected);
	});

	it('lets a teacher make classes up to the limit, not one more', () => {
		expect(mayCreateClass(0)).toBe(true);
		expect(mayCreateClass(MAX_CLASSES_PER_TEACHER - 1)).toBe(true);
		expect(mayCreateClass(MAX_CLASSES_PER_TEACHER)).toBe(false);
		expect(mayCreateClass(MAX_CLASSES_PER_TEACHER + 5)).toBe(false);
	});

	it('refuses a join when joining is closed, then when the class is full', () => {
		expect(joinRefusal(true, 0)).toBeUndefined();
		expect(joinRefusal(true, MAX_SEATS_PER_CLASS - 1)).toBeUndefined();
		expect(joinRefusal(true, MAX_SEATS_PER_CLASS)).toBe('class-full');
		expect(joinRefusal(false, 0)).toBe('joining-closed');
		// A closed class says it is closed, full or not: reopening is what the teacher can do.
		expect(joinRefusal(false, MAX_SEATS_PER_CLASS)).toBe('joining-closed');
	});

	it('numbers a student whose name looks like another’s, within the student name’s limit', () => {
		expect(studentNameAmong('Ann', ['Bob'])).toBe('Ann');
		expect(studentNameAmong('Ann', ['ann', 'Bob'])).toBe('Ann 2');
		expect(studentNameAmong('ＡＮＮ', ['Ann', 'Ann 2'])).toBe('ＡＮＮ 3');
		expect(studentNameAmong('小明', new Set(['小明']))).toBe('小明 2');
		const long = 'x'.repeat(MAX_STUDENT_NAME);
		const second = studentNameAmong(long, [long]);
		expect(second).toBe(`${'x'.repeat(MAX_STUDENT_NAME - 2)} 2`);
		expect(graphemes(second)).toHaveLength(MAX_STUDENT_NAME);
		// Longer than a live nickname (20) and still whole.
		expect(studentNameAmong('Alexandra Konstantinidou', ['Alexandra Konstantinidou'])).toBe(
			'Alexandra Konstantinidou 2',
		);
	});

	it('lets a seat be held by its token or its linked account; linking needs the token', () => {
		const seat = { tokenHash: 'hash-a', userId: 'user-1' };
		const unlinked = { tokenHash: 'hash-b', userId: null };
		expect(holdsSeat(seat, { tokenHash: 'hash-a', userId: null })).toBe(true);
		expect(holdsSeat(seat, { tokenHash: null, userId: 'user-1' })).toBe(true);
		expect(holdsSeat(seat, { tokenHash: 'hash-b', userId: 'user-2' })).toBe(false);
		expect(holdsSeat(seat, { tokenHash: null, userId: null })).toBe(false);
		// No account is linked: a caller without one does not match it.
		expect(holdsSeat(unlinked, { tokenHash: null, userId: null })).toBe(false);
		expect(holdsSeat(unlinked, { tokenHash: 'hash-a', userId: 'user-1' })).toBe(false);
		// Linking: the account alone is not enough, the token is.
		expect(holdsSeat(seat, { tokenHash: null, userId: 'user-1' }, true)).toBe(false);
		expect(holdsSeat(seat, { tokenHash: 'hash-a', userId: 'user-2' }, true)).toBe(true);
	});

	it('tells a caller with no seat to get one, and anyone else only that the seat is not found', () => {
		expect(seatRefusal(false)).toBe('no-seat');
		expect(seatRefusal(true)).toBe('not-found');
	});
});
