import { StudyDays } from '../../src/lib/srs/study-day.ts';

/** A learner in UTC whose study day starts at 04:00, Kioku's default. */
export const UTC_DAYS = new StudyDays({ dayStartsAt: 4, timeZone: 'UTC' });
