// Words about sources: pronouns, unnamed-source nouns, titles. Data only.

export const PERSONAL_PRONOUNS: Readonly<Record<string, 'male' | 'female' | 'plural' | 'first' | 'relative' | 'neuter'>> = {
  he: 'male', him: 'male', his: 'male', she: 'female', her: 'female', hers: 'female',
  they: 'plural', them: 'plural', their: 'plural', we: 'first', i: 'first', us: 'first',
  who: 'relative', which: 'relative', that: 'relative', it: 'neuter',
};

/** Heads of noun phrases that name a source without naming anyone: "a senior official". */
export const ANONYMOUS_HEADS: ReadonlySet<string> = new Set([
  'source', 'sources', 'official', 'officials', 'aide', 'aides', 'person', 'people', 'insider',
  'insiders', 'diplomat', 'diplomats', 'adviser', 'advisers', 'advisor', 'advisors', 'staffer',
  'staffers', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'someone', 'witness',
  'witnesses', 'observer', 'observers', 'analyst', 'analysts', 'expert', 'experts', 'critic',
  'critics', 'operative', 'operatives', 'strategist', 'strategists', 'ally', 'allies', 'associate',
  'associates', 'confidant', 'confidants', 'friend', 'friends', 'member', 'members', 'officer',
  'officers', 'investigator', 'investigators', 'lawmaker', 'lawmakers', 'staff', 'employee',
  'employees', 'executive', 'executives', 'resident', 'residents', 'report', 'reports',
  'documents', 'poll', 'polls', 'survey', 'study',
]);

/** Determiners that leave a source unnamed ("a source", "several officials"). */
export const ANONYMOUS_DETERMINERS: ReadonlySet<string> = new Set([
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'several', 'some', 'many', 'other', 'another',
  'multiple', 'numerous', 'few', 'various', 'senior', 'top', 'the',
]);

/** Title words: before a name ("Foreign Minister X") or as a description ("the minister"). */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'minister', 'president', 'vice', 'secretary', 'senator', 'sen', 'sen.', 'rep', 'rep.',
  'representative', 'congressman', 'congresswoman', 'gov', 'gov.', 'governor', 'mayor',
  'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'chair', 'director',
  'ceo', 'chief', 'candidate', 'nominee', 'counterpart', 'ambassador', 'leader', 'speaker',
  'premier', 'chancellor', 'king', 'queen', 'prince', 'judge', 'justice', 'general', 'gen.',
  'adviser', 'advisor', 'manager', 'professor', 'prof.', 'dr.', 'dr', 'commissioner',
  'attorney', 'prosecutor', 'sheriff', 'officer', 'founder', 'host', 'anchor', 'correspondent',
  'editor', 'economist', 'analyst', 'pollster', 'strategist', 'lawyer', 'envoy', 'head',
  'deputy', 'foreign', 'prime', 'defense', 'defence', 'interior', 'finance', 'state',
  'republican', 'democratic', 'democrat', 'presidential', 'vice-presidential', 'former',
  'pastor', 'rev.', 'reverend', 'bishop', 'pope', 'lt.', 'col.', 'sgt.', 'capt.', 'adm.',
  'colonel', 'captain', 'admiral', 'majority', 'minority', 'whip', 'house', 'senate',
  'press', 'campaign', 'communications', 'national', 'security', 'executive', 'acting',
  'councillor', 'councilor', 'councilman', 'councilwoman', 'alderman', 'curator', 'trustee',
  'chairperson', 'mp', 'mep', 'delegate', 'del.', 'assemblyman', 'assemblywoman', 'coach',
  'police',
]);

/** Title heads: a title phrase must end in one of these ("Turkish Foreign Minister"). */
export const TITLE_HEADS: ReadonlySet<string> = new Set([
  'minister', 'president', 'secretary', 'senator', 'sen.', 'sen', 'rep.', 'rep', 'representative',
  'congressman', 'congresswoman', 'gov.', 'gov', 'governor', 'mayor', 'spokesman', 'spokeswoman',
  'spokesperson', 'chairman', 'chairwoman', 'chair', 'director', 'ceo', 'chief', 'candidate',
  'nominee', 'counterpart', 'ambassador', 'leader', 'speaker', 'premier', 'chancellor', 'king',
  'queen', 'prince', 'judge', 'justice', 'general', 'gen.', 'adviser', 'advisor', 'manager',
  'professor', 'prof.', 'commissioner', 'attorney', 'prosecutor', 'sheriff', 'founder', 'host',
  'anchor', 'correspondent', 'editor', 'economist', 'analyst', 'pollster', 'strategist',
  'lawyer', 'envoy', 'head', 'pastor', 'bishop', 'pope', 'colonel', 'captain', 'admiral', 'whip',
  'dr.', 'rev.', 'lt.', 'col.', 'sgt.', 'capt.', 'adm.', 'mr.', 'mrs.', 'ms.', 'mr', 'mrs', 'ms',
  'councillor', 'councilor', 'councilman', 'councilwoman', 'alderman', 'curator', 'trustee',
  'chairperson', 'mp', 'mep', 'delegate', 'del.', 'assemblyman', 'assemblywoman', 'coach', 'dr',
  'executive', 'officer', 'partner', 'owner', 'organizer', 'organiser', 'activist', 'historian',
  'scientist', 'researcher', 'writer', 'author', 'columnist', 'consultant', 'aide', 'physician',
  'doctor', 'nurse', 'teacher', 'principal', 'dean', 'rector', 'chancellor', 'mayor', 'co-founder',
]);

/** Honorifics that tell a gender. */
export const HONORIFIC_GENDER: Readonly<Record<string, 'male' | 'female'>> = {
  'mr.': 'male', mr: 'male', 'mrs.': 'female', mrs: 'female', 'ms.': 'female', ms: 'female',
  'miss': 'female', 'sir': 'male', 'lady': 'female', 'king': 'male', 'queen': 'female',
  'congressman': 'male', 'congresswoman': 'female', 'spokesman': 'male', 'spokeswoman': 'female',
  'chairman': 'male', 'chairwoman': 'female',
};

/** Words never part of a name even when capitalised (sentence-initial function words, months...). */
export const NOT_NAME: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'if', 'in', 'on', 'at', 'of', 'for', 'to', 'by', 'with',
  'as', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'this',
  'that', 'these', 'those', 'there', 'here', 'when', 'while', 'after', 'before', 'since',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'mr.', 'mrs.', 'ms.', 'dr.', 'also', 'then', 'yet', 'still', 'so',
  'both', 'all', 'some', 'many', 'most', 'other', 'another', 'each', 'every', 'no', 'not',
]);

/** Labels before a colon that head a line rather than name a speaker ("Photo: ...", "UPDATE: ..."). */
export const NOT_SPEAKER_LABELS: ReadonlySet<string> = new Set([
  'photo', 'photograph', 'photos', 'picture', 'image', 'images', 'video', 'watch', 'listen', 'audio',
  'transcript', 'correction', 'clarification', 'update', 'updated', 'note', "editor's note",
  'editor’s note', 'source', 'sources', 'related', 'read', 'read more', 'more', 'see', 'see also',
  'subscribe', 'sign up', 'follow', 'share', 'tags', 'topics', 'filed under', 'credit', 'credits',
  'caption', 'graphic', 'chart', 'map', 'analysis', 'opinion', 'commentary', 'exclusive',
  'breaking', 'live', 'latest', 'the latest', 'factbox', 'explainer', 'timeline', 'q', 'a',
  'warning', 'disclaimer', 'disclosure', 'advertisement', 'sponsored', 'contact', 'email',
]);
