import { formatJson } from './json.js';
import type { Formatter } from './report.js';
import { formatStylish } from './stylish.js';

/** The output formats by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
};
