import { preset } from '../../tsup.preset';

// shims: the CommonJS build resolves dd-trace from import.meta.url too.
export default preset(['src/index.ts', 'src/register.ts'], { shims: true });
