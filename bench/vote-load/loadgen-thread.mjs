// The entry of the load generator's thread (loadgen-thread.ts): a worker does not inherit the
// parent's `--import tsx` hooks on Node 20, so it registers them itself.
import { register } from 'tsx/esm/api';

register();
await import('./loadgen-thread.ts');
