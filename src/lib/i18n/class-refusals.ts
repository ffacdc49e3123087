/** A class request's failure in the reader's language (the server's codes are for tools). */
import { m } from '$lib/paraglide/messages';
import type { ClassFailure } from '$lib/state/classes-api';

export function classFailureText(f: ClassFailure): string {
	if (f.kind === 'offline') return m.class_error_offline();
	switch (f.code) {
		case 'signed-out':
			return m.class_error_signed_out();
		case 'no-seat':
			return m.class_error_no_seat();
		case 'not-found':
			return m.class_error_not_found();
		case 'joining-closed':
			return m.class_error_joining_closed();
		case 'class-full':
			return m.class_error_class_full();
		case 'too-many-classes':
			return m.class_error_too_many_classes();
		case 'too-many-attempts':
			return m.class_error_too_many_attempts();
		case 'name-empty':
			return m.class_error_name_empty();
		case 'no-questions':
			return m.class_error_no_questions();
		case 'bad-times':
			return m.class_error_bad_times();
		case 'not-open':
			return m.class_error_not_open();
		case 'too-many-assignments':
			return m.class_error_too_many_assignments();
		case 'bad-answer':
		case 'not-typed':
			return m.class_error_bad_answer();
		default:
			return m.class_error_other();
	}
}
