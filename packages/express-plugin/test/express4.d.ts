/** express 4 installed under an alias for compatibility tests; typed like the current express. */
declare module 'express4' {
  import express from 'express';
  export default express;
}
