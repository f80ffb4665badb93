/** Parsed JSON, the raw text when it is not JSON (tool arguments are model output), `{}` for empty. */
export function parseJson(text: string): unknown {
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
