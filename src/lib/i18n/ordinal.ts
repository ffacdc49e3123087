/** "1st", "2nd", "23rd", "11th": English ordinals by the CLDR rules (Chinese says 第 n instead). */
const rules = new Intl.PluralRules('en', { type: 'ordinal' });
const SUFFIX: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

export const ordinalEn = (n: number) => `${n}${SUFFIX[rules.select(n)] ?? 'th'}`;
