export * from './types';
export * from './signals';
export * from './nestRendered';
