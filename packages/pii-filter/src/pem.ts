import type { ScanState } from './internal-types.js';
import { record } from './record.js';

/**
 * `-----BEGIN … PRIVATE KEY-----` through its `-----END …-----`; to the end of the text when the
 * end marker is missing. Tried at the word `BEGIN` after five dashes (`i` is the first dash): the
 * scan does not stop at every `-` of UUIDs and host names.
 */
export function matchPem(st: ScanState, i: number): number {
  const s = st.s;
  if (!s.startsWith('-----BEGIN ', i)) return -1;
  const headerEnd = s.indexOf('-----', i + 11);
  if (headerEnd < 0 || headerEnd - i > 64 || !s.slice(i + 11, headerEnd).endsWith('PRIVATE KEY')) return -1;
  const from = headerEnd + 5;
  if (!(st.pemAt === -1 ? st.pemFrom <= from : st.pemAt >= from && st.pemFrom <= from)) {
    st.pemFrom = from;
    st.pemAt = s.indexOf('-----END ', from);
  }
  if (st.pemAt < 0) return record(st, 'privateKey', i, s.length);
  const close = s.indexOf('-----', st.pemAt + 9);
  return record(st, 'privateKey', i, close < 0 || close - st.pemAt > 64 ? st.pemAt + 9 : close + 5);
}
