// Words that make a capitalised name an organisation ("Ministry", "Party", "Times"). Data only.
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'party', 'agency', 'council', 'ministry', 'department', 'committee', 'commission', 'campaign',
  'university', 'college', 'school', 'institute', 'foundation', 'bank', 'union', 'court',
  'congress', 'senate', 'parliament', 'assembly', 'administration', 'government', 'office',
  'association', 'federation', 'organization', 'organisation', 'corporation', 'company', 'inc',
  'inc.', 'corp', 'corp.', 'group', 'network', 'news', 'times', 'post', 'journal', 'tribune',
  'herald', 'gazette', 'press', 'reuters', 'politico', 'breitbart', 'huffpost', 'cnn', 'msnbc',
  'nbc', 'abc', 'cbs', 'fox', 'bbc', 'npr', 'pac', 'nato', 'eu', 'un', 'fbi', 'cia', 'nsa',
  'pentagon', 'kremlin', 'center', 'centre', 'service', 'services', 'board', 'authority',
  'police', 'army', 'navy', 'forces', 'coalition', 'alliance', 'movement', 'front', 'club',
  'politifact', 'gallup', 'rasmussen', 'nyt', 'ap', 'afp', 'daily', 'magazine', 'radio',
  'television', 'tv', 'channel', 'media', 'democrats', 'republicans', 'gop', 'dnc', 'rnc',
  'house', 'nations', 'fund', 'trust', 'project', 'watch',
]);
