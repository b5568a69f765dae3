// Grammar words the attribution finder reads noun phrases with. Data only.

/** Words skipped between a subject and its cue: "Lavrov also said", "he has said". */
export const BETWEEN_SUBJECT_AND_CUE: ReadonlySet<string> = new Set([
  'also', 'then', 'later', 'previously', 'further', 'again', 'recently', 'once', 'repeatedly',
  'has', 'have', 'had', 'will', 'would', 'could', 'may', 'might', 'should', 'must', 'just',
  'reportedly', 'separately', 'publicly', 'privately', 'initially', 'originally', 'earlier',
  'subsequently', 'immediately', 'quickly', 'frequently', 'often', 'always', 'now', 'still',
  'already', 'even', 'similarly', 'likewise', 'too', 'is', 'was', 'were', 'are', 'been',
  'being', 'do', 'does', 'did', 'emphatically', 'flatly', 'firmly', 'angrily', 'bluntly',
  'openly', 'simply', 'only', 'first', 'last', 'yesterday', 'today', 'tonight',
]);

/** Words that never belong to a source's noun phrase. */
export const NOT_IN_NOUN_PHRASE: ReadonlySet<string> = new Set([
  'that', 'which', 'there', 'here', 'when', 'where', 'while', 'if', 'because', 'as', 'than',
  'so', 'but', 'or', 'nor', 'yet', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'into',
  'about', 'after', 'before', 'during', 'since', 'until', 'despite', 'against', 'over', 'under',
  'not', 'no', 'also', 'what', 'how', 'why', 'whether', 'it', 'this', 'these', 'those',
]);

/** Relative pronouns that can be a source: "Trump, who said ...". */
export const RELATIVE_SOURCES: ReadonlySet<string> = new Set(['who', 'which']);

/** Pronouns that are objects, never sources. */
export const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['him', 'her', 'them', 'us', 'me', 'it', 'itself', 'himself', 'herself', 'themselves']);

/** Pronouns that can stand alone as a source. */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you', 'who']);
