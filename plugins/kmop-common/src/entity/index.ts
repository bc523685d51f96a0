export * from './annotations';
export * from './KmopAnnotationError';
export * from './labelSelector';
export * from './isKmopAvailable';
export * from './resolveEntityTarget';
