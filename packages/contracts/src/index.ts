export * from './errors';
export * from './roles';
export * from './api';
export * from './endpoints';
export * from './assembly';
