export { buildApp, type AppDeps } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { createDeps, openPlatformDatabase, ensureIdKey, VERSION } from './platform';
export { startServer } from './server';
export { AppError } from './errors';
export { seedDemo, isEmpty } from './demo/seed';
export { hashIdNumber, normalizeIdNumber, isValidResidentId, residentIdWithCheck } from './privacy/id-number';
export * from './privacy/mask';
export * from './registry/index';
