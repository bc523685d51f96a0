export type { DurationGrammar } from './grammars';
export { DURATION_GRAMMARS } from './grammars';
export { isDuration, parseDuration, tryParseDuration } from './parse';
export { formatDuration, toGoDuration } from './format';
