import { preset } from '../../tsup.preset';

// minifySyntax lets esbuild inline the numeric constants the scanner imports (character classes
// and codes) into its loops. Bundling turns every top-level `const` into a `var`, and V8 reloads
// and re-checks a `var` at each use where it folds a `const` into the instruction.
export default preset(['src/index.ts'], { minifySyntax: true });
