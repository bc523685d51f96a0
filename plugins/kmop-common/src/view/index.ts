export * from './types';
export * from './signals';
