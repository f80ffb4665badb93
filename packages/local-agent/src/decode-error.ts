/** A payload that is not valid msgpack/JSON or not shaped like its protocol says; answered with 400. */
export class PayloadDecodeError extends Error {
  override name = 'PayloadDecodeError';
}
