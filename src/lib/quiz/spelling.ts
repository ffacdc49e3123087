/**
 * English word forms that say the same thing: British and American spelling ("defence" and
 * "defense", "programme" and "program", "-ise" and "-ize") and singular and plural ("chip" and
 * "chips"). Each function maps a lower-case word to a key; two words with the same key are
 * taken as the same word. Both the typed answer and the accepted forms go through the same
 * function, so a key need not be a real word, only the same for both spellings and different
 * for words that mean different things.
 */

// Whole words whose spellings no rule below covers.
const SPELLINGS = new Map<string, string>(
	Object.entries({
		grey: 'gray',
		greys: 'grays',
		aluminium: 'aluminum',
		plough: 'plow',
		ploughs: 'plows',
		mould: 'mold',
		moulds: 'molds',
		sceptic: 'skeptic',
		sceptics: 'skeptics',
		sceptical: 'skeptical',
		scepticism: 'skepticism',
		judgement: 'judgment',
		judgements: 'judgments',
		acknowledgement: 'acknowledgment',
		acknowledgements: 'acknowledgments',
		ageing: 'aging',
		cheque: 'check',
		cheques: 'checks',
		draught: 'draft',
		draughts: 'drafts',
		pyjamas: 'pajamas',
		moustache: 'mustache',
		aeroplane: 'airplane',
		aeroplanes: 'airplanes',
		cosy: 'cozy',
		kerb: 'curb',
		tyre: 'tire',
		tyres: 'tires',
		gaol: 'jail',
		odour: 'odor',
		odours: 'odors',
		jewellery: 'jewelry',
		enrol: 'enroll',
		enrols: 'enrolls',
		enrolment: 'enrollment',
		enrolments: 'enrollments',
		fulfil: 'fulfill',
		fulfils: 'fulfills',
		fulfilment: 'fulfillment',
		instil: 'instill',
		instils: 'instills',
		distil: 'distill',
		distils: 'distills',
		instalment: 'installment',
		instalments: 'installments',
		skilful: 'skillful',
		wilful: 'willful',
		learnt: 'learned',
		spelt: 'spelled',
		burnt: 'burned',
		dreamt: 'dreamed',
		practise: 'practice',
		practises: 'practices',
		practised: 'practiced',
		practising: 'practicing',
		programme: 'program',
		programmes: 'programs',
		paediatric: 'pediatric',
		encyclopaedia: 'encyclopedia',
		anaemia: 'anemia',
		leukaemia: 'leukemia',
		haemorrhage: 'hemorrhage',
		oestrogen: 'estrogen',
		foetus: 'fetus',
		mediaeval: 'medieval',
		manoeuvre: 'maneuver',
		manoeuvres: 'maneuvers',
		manoeuvred: 'maneuvered',
		manoeuvring: 'maneuvering',
	}),
);

// Rules over word endings, each written so that it also covers the inflected forms.
const RE_TO_ER: Record<string, string> = { e: 'er', es: 'ers', ed: 'ered', ing: 'ering' };
const SPELLING_RULES: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
	// defence, offence, pretence, licence (and their plurals)
	[/^(defen|offen|preten|licen)c(e|es|eless)$/, '$1s$2'],
	// centre, metre, theatre, fibre … (centres, centred, centring): "re" becomes "er"
	[
		/^(\p{L}*?(?:cent|met|theat|fib|calib|lit|sab|spect|somb|lust|meag|reconnoit))r(e|es|ed|ing)$/u,
		(_, stem: string, end: string) => stem + RE_TO_ER[end],
	],
	// colour, labour, favourite, behavioural: three letters before "our" spare four, hour, your.
	[
		/^(\p{L}{3,})our(s|ed|ing|ite|ites|able|ably|al|ally|er|ers|ful|less|ism|ist|ists|ly|hood|hoods)?$/u,
		'$1or$2',
	],
	// analyse, paralyse, catalyse
	[/^(\p{L}+)ys(e|es|ed|ing|er|ers)$/u, '$1yz$2'],
	// organise, mobilisation, prioritising; "prise" (to lever open) is not "prize"
	[/^(?!prise)(\p{L}{2,})is(e|es|ed|ing|er|ers|able|ation|ations|ational)$/u, '$1iz$2'],
	// travelled, cancelling, modeller, counsellor, marvellous: one l in American spelling
	[
		/^(travel|cancel|label|model|fuel|refuel|signal|level|counsel|channel|tunnel|marshal|dial|duel|equal|jewel|pedal|quarrel|rival|shovel|total|panel|marvel|revel|libel|enamel|funnel|grovel|initial|yodel)l(ed|ing|er|ers|or|ors|ous)$/,
		'$1$2',
	],
	// catalogue, dialogue, analogue (and catalogued)
	[/^(catal|dial|anal|monol|epil|prol)ogue(s|d)?$/, '$1og$2'],
];

/**
 * The key of a word's spelling: British and American spellings of one word share it. Words
 * are only ever mapped towards one spelling, never to another word ("tour" stays "tour").
 */
export function spellingKey(word: string): string {
	const known = SPELLINGS.get(word);
	if (known !== undefined) return known;
	for (const [pattern, replacement] of SPELLING_RULES) {
		if (pattern.test(word)) return word.replace(pattern, replacement as string);
	}
	return word;
}

// Plurals that are not a singular plus -s, and words whose -s is not a plural at all.
const IRREGULAR = new Map<string, string>(
	Object.entries({
		men: 'man',
		women: 'woman',
		children: 'child',
		feet: 'foot',
		teeth: 'tooth',
		mice: 'mouse',
		geese: 'goose',
		criteria: 'criterion',
		phenomena: 'phenomenon',
		lives: 'life',
		wives: 'wife',
		knives: 'knife',
		halves: 'half',
		selves: 'self',
		themselves: 'themself',
		shelves: 'shelf',
		wolves: 'wolf',
		thieves: 'thief',
	}),
);
// A different word from the one without -s ("news" is not "new", "arms" are weapons).
const NOT_PLURAL = new Set(
	(
		'news means series species arms goods customs manners savings earnings headquarters ' +
		'politics economics physics mathematics ethics logistics statistics always perhaps ' +
		'besides towards afterwards sometimes nowadays whereabouts thanks chaos ethos pathos ' +
		'cosmos kudos corps lens bias alias atlas canvas'
	).split(' '),
);

/**
 * The key of a word's number: "chip" and "chips", "ally" and "allies", "approach" and
 * "approaches", "hero" and "heroes" share one. Words of three letters or fewer ("us", "its",
 * "has") and those in NOT_PLURAL are left alone.
 */
export function singularKey(word: string): string {
	const irregular = IRREGULAR.get(word);
	if (irregular !== undefined) return irregular;
	if (word.length < 4 || NOT_PLURAL.has(word) || !/^\p{L}+$/u.test(word)) return word;
	// "policy"/"policies" and "movie"/"movies" both become "polici", "movi".
	if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'i';
	if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'i';
	if (word.endsWith('ie')) return word.slice(0, -1);
	if (/(?:ss|sh|ch|x|zz)es$/.test(word) || /\p{L}{3}oes$/u.test(word)) return word.slice(0, -2);
	if (/(?:ss|us|is|'s)$/.test(word)) return word;
	return word.endsWith('s') ? word.slice(0, -1) : word;
}

// Verb endings, for matching words a learner repeats from the question: "signed" for "sign".
const VERB_ENDING = /(?<=\p{L}{3})(?:ing|ed|es|e|s)$/u;

/** A rough stem that ties "sign", "signs", "signed" and "signing" (and their spellings) together. */
export function wordStem(word: string): string {
	return singularKey(spellingKey(word)).replace(VERB_ENDING, '');
}
