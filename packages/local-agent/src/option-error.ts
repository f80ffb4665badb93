import { ErrorCodes, KennelError } from '@kennel/core';

/** An invalid agent option, CLI flag or env var; `detail` names it, the value and what is accepted. */
export function optionError(detail: string, prefix = 'local-agent '): KennelError {
  return new KennelError(ErrorCodes.AGENT_OPTION_INVALID, `${prefix}${detail}`);
}
