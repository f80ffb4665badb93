import { preset } from '../../tsup.preset';

// An app, not a library: ESM only (it loads instrumented modules with createRequire(import.meta.url)).
export default preset(['src/index.ts', 'src/main.ts', 'src/demo.ts'], { format: ['esm'] });
