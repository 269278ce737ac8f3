import { randomUUID } from 'node:crypto';

/** The Action's outputs (action.yml). */
export interface ActionOutputs {
  readonly 'sarif-file'?: string;
  /** How many findings the Action reported: those in the change, on a pull request. */
  readonly findings?: number;
  readonly 'exit-code': number;
}

/**
 * The outputs in the form the runner reads from `$GITHUB_OUTPUT`, as @actions/core's setOutput
 * writes them: `name<<DELIMITER`, the value, the delimiter, each on its own line. The delimiter
 * is random, so no value can end the block early; one that contains it anyway is refused.
 */
export function formatOutputs(outputs: ActionOutputs, delimiter = `ghadelimiter_${randomUUID()}`): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    const string = String(value);
    if (string.includes(delimiter)) throw new Error(`the value of output ${name} contains the delimiter ${delimiter}`);
    text += `${name}<<${delimiter}\n${string}\n${delimiter}\n`;
  }
  return text;
}
