export * from './common';
export * from './errors';
export * from './agents';
export * from './sites';
export * from './conversations';
export * from './events';
