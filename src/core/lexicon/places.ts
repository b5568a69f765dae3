// Words that make a capitalised name a place ("Black Sea", "Middle East", "West Bank"). Data only.
export const PLACE_WORDS: ReadonlySet<string> = new Set([
  'sea', 'ocean', 'river', 'lake', 'bay', 'gulf', 'strait', 'straits', 'channel', 'island',
  'islands', 'peninsula', 'mountains', 'mountain', 'mount', 'valley', 'desert', 'coast', 'canyon',
  'east', 'west', 'north', 'south', 'bank', 'strip', 'heights', 'highlands', 'plains', 'basin',
  'province', 'county', 'district', 'region', 'city', 'town', 'village', 'square', 'street',
  'avenue', 'road', 'park', 'airport', 'station', 'port', 'harbor', 'harbour', 'bridge',
  'caucasus', 'balkans', 'baltics', 'sahel', 'levant', 'arctic', 'antarctic',
]);
