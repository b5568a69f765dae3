// What a news site wraps around a story: headings of teaser blocks, share and newsletter prompts,
// closing "read the rest" links. Data only; src/core/body.ts holds the logic.
//
// Matching is on a whole, short line, lower-cased, with curly apostrophes made straight, runs of
// white space collapsed, leading bullets and trailing ":", ".", "»", "(12)" and the like removed.

/**
 * Section headings that open the site's own material after a story ("Related articles",
 * "Popular"). A line that is exactly one of these ends the body.
 */
export const SECTION_HEADINGS: readonly string[] = [
  'related',
  'related articles',
  'related article',
  'related stories',
  'related story',
  'related news',
  'related content',
  'related coverage',
  'related links',
  'related posts',
  'related topics',
  'related reading',
  'related video',
  'related videos',
  'see also',
  'also read',
  'read also',
  'read next',
  'what to read next',
  'up next',
  "editor's choice",
  'editors choice',
  "editor's picks",
  "editors' picks",
  'editor picks',
  'popular',
  'most popular',
  'popular now',
  'popular stories',
  'popular articles',
  'most read',
  'most viewed',
  'most shared',
  'most emailed',
  'most commented',
  'trending',
  'trending now',
  'trending stories',
  'recommended',
  'recommended for you',
  'recommended stories',
  'recommended articles',
  'you may also like',
  'you might also like',
  'you may be interested in',
  'you might be interested in',
  'more stories',
  'more news',
  'more articles',
  'more in this section',
  'more on this story',
  'more on this topic',
  'other stories',
  'other news',
  'top stories',
  'latest news',
  'latest stories',
  'latest articles',
  'latest',
  'comments',
  'comment',
  'leave a comment',
  'leave a reply',
  'join the conversation',
  'join the discussion',
  'show comments',
  'view comments',
  'tags',
  'topics',
  'keywords',
  'filed under',
  'in this article',
  'about the author',
  'sponsored content',
  'sponsored stories',
  'promoted stories',
  'around the web',
  'from the web',
  'partner content',
];

/**
 * Prefixes of short heading lines that end the body ("More from Reuters", "Tags: Turkey, Russia").
 * The rest of the line must be a short list of capitalised words or tags, never a sentence that
 * introduces more of the story ("More from the interview:" stays inside).
 */
export const SECTION_HEADING_PREFIXES: readonly string[] = [
  'more from ',
  'more stories from ',
  'more news from ',
  'more articles from ',
  'tags:',
  'topics:',
  'keywords:',
  'filed under:',
];

/**
 * Closing links that end the story ("Read the rest here."): the body ends before them.
 * Whole line, or a prefix followed by where to read it ("Read more at The Hill").
 */
export const CLOSING_LINES: readonly string[] = [
  'read the rest here',
  'read the rest',
  'read the rest of the story here',
  'read the rest of the article here',
  'read the full story here',
  'read the full article here',
  'read the full story',
  'read the full article',
  'read the original article',
  'read the original story',
  'read more',
  'read more here',
  'click here to read more',
  'click here to read the full story',
  'click here to read the full article',
];

export const CLOSING_PREFIXES: readonly string[] = [
  'read more at ',
  'read more on ',
  'read the rest at ',
  'read the rest on ',
  'read the full story at ',
  'read the full story on ',
  'read the full article at ',
  'read the full article on ',
  'continue reading at ',
  'continue reading on ',
  'this article originally appeared at ',
];

/**
 * Prompts that scrapers also leave in the MIDDLE of a story (ad slots, share bars, newsletter
 * boxes). They never cut the body; they are only trimmed off its end.
 */
export const INLINE_LINES: readonly string[] = [
  'advertisement',
  'advertisements',
  'ad',
  'sponsored',
  'continue reading the main story',
  'continue reading',
  'continue reading below',
  'story continues below',
  'story continues below advertisement',
  'article continues below',
  'article continues below advertisement',
  'scroll to continue with content',
  'share',
  'share this',
  'share this article',
  'share this story',
  'share this post',
  'share this page',
  'share article',
  'share story',
  'share and comment below',
  'tweet',
  'email',
  'print',
  'print this article',
  'whatsapp',
  'facebook',
  'twitter',
  'linkedin',
  'subscribe',
  'subscribe now',
  'subscribe here',
  'subscribe to our newsletter',
  'sign up to our newsletter',
  'sign up for our newsletter',
  'newsletter',
  'get our newsletter',
  'enter your email address',
  'click here to subscribe',
  'watch',
  'watch the video',
  'watch below',
  'watch the video below',
  'watch the video above',
  'video',
  'listen',
  'listen to this article',
  'image',
  'photo',
];

/** Prefixes of short inline prompts ("Share on Facebook", "Sign up for our daily briefing"). */
export const INLINE_PREFIXES: readonly string[] = [
  'share on ',
  'share via ',
  'share to ',
  'sign up for ',
  'sign up to ',
  'subscribe to ',
  'click here to subscribe',
  'click here to sign up',
  'click here to follow',
  'follow us on ',
  'follow us at ',
  'like us on ',
  'join us on ',
  'download our app',
  'get the app',
  'want to receive this in your inbox',
];

/** Longest line (in characters) that can be a heading or prompt; longer lines are prose. */
export const MAX_HEADING_LENGTH = 80;
export const MAX_PROMPT_LENGTH = 140;

/**
 * Words that end with a period without ending a sentence (compared without the period,
 * case-insensitive). Single capital letters (initials, "U.S.") are handled by rule.
 */
export const ABBREVIATIONS: readonly string[] = [
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'govs', 'gen', 'lt', 'col',
  'maj', 'capt', 'cmdr', 'sgt', 'adm', 'rev', 'hon', 'pres', 'amb', 'atty', 'supt', 'insp',
  'jr', 'sr', 'st', 'ste', 'mt', 'ft', 'no', 'nos', 'vs', 'v', 'etc', 'inc', 'co', 'corp', 'ltd',
  'dept', 'univ', 'assn', 'bros', 'est', 'approx', 'fig', 'vol', 'op', 'ed',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans',
  'ky', 'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore',
  'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo', 'sec', 'det', 'brig',
];
