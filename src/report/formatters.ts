import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import type { Formatter } from './report.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

/** The output formats by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  markdown: formatMarkdown,
};
