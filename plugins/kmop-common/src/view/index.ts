export * from './types';
export * from './nestRendered';
