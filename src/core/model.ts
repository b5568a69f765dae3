// The `newslens/1` analysis contract. Other tools read this JSON: keep it exact.
// Offsets are half-open [start, end) in UTF-16 code units of the text exactly as read.

export const SCHEMA = 'newslens/1' as const;

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export type EntityType = 'person' | 'organization' | 'place';
export type MentionVia = 'name' | 'alias' | 'pronoun' | 'description';

export interface Mention extends TextSpan {
  via: MentionVia;
}

export interface Entity {
  id: string;
  type: EntityType;
  /** Canonical (longest) name. */
  name: string;
  /** Role or description found in the text ("Turkish Foreign Minister"), or null. */
  title: string | null;
  mentions: Mention[];
}

export type QuoteKind = 'direct' | 'indirect' | 'mixed';

export interface Quote {
  id: string;
  kind: QuoteKind;
  /** One or more pieces (a quote split around its cue, or running over paragraphs). */
  content: Span[];
  cue: TextSpan | null;
  /** The words in the text that name the source, maybe "he"; or null. */
  source: TextSpan | null;
  /** Resolved entity id, or null when unknown. */
  speaker: string | null;
  /** True for unnamed sources: "a source", "officials". */
  anonymous: boolean;
  confidence: number;
}

export type CreditKind = 'byline' | 'dateline' | 'wire' | 'source' | 'photo' | 'contributor';

export interface Credit extends TextSpan {
  kind: CreditKind;
  names: string[];
}

export interface Analysis {
  schema: typeof SCHEMA;
  /** As given on the command line (CLI only). */
  file?: string;
  length: number;
  body: Span;
  entities: Entity[];
  quotes: Quote[];
  credits: Credit[];
}
