export * from './manifestDocuments';
export * from './validateDocuments';
export * from './validateNative';
