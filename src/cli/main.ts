import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/config.js';
import { catalogueLabel, tool } from '../report/report.js';
import { runCheck, type CheckFlags } from './check-command.js';
import { processIo, type Io } from './io.js';
import { collect } from './options.js';
import { runExplain, runRules } from './rules-command.js';

/** Builds the command line; each action stores its exit code in `exit`. */
function program(io: Io, exit: { code: number }): Command {
  const root = new Command('iamlint')
    .description('Static linter and access analyzer for AWS IAM policies and account exports.')
    .version(`${tool.version} (AWS catalogue: ${catalogueLabel()})`, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => { io.write(s); }, writeErr: (s) => { io.error(s); } })
    .showSuggestionAfterError();

  root
    .command('check')
    .description('check policy files and account exports (default path: .)')
    .argument('[paths...]', 'files and folders to check')
    .option('-f, --format <format[=file]>', 'output format: stylish (default) or json; repeat with =FILE to write several', collect, [])
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-c, --config <file>', 'config file (default: .iamlint.json here or in a parent folder)')
    .addOption(new Option('--fail-on <level>', 'exit 1 on findings at or above this severity').choices(['critical', 'high', 'medium', 'low', 'info', 'none']).default('low'))
    .option('--max-warnings <n>', 'also exit 1 when more than N findings are below --fail-on')
    .option('--rule <id=level>', 'set a rule to critical|high|medium|low|info|off (repeatable)', collect, [])
    .option('--now <date>', 'the date date-based rules compare against (ISO 8601)')
    .option('--trusted-account <id>', 'an account in the zone of trust (repeatable)', collect, [])
    .option('-q, --quiet', 'report only findings at or above --fail-on')
    .option('--color', 'force colored output')
    .option('--no-color', 'disable colored output')
    .option('--debug', 'print skipped files and stack traces')
    .action((paths: string[], flags: CheckFlags) => {
      exit.code = runCheck(paths, flags, io);
    });

  root
    .command('rules')
    .description('list every rule with its metadata')
    .addOption(new Option('-f, --format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('--color', 'force colored output')
    .option('--no-color', 'disable colored output')
    .action((flags: { format: string; color?: boolean }) => {
      exit.code = runRules(flags, io);
    });

  root
    .command('explain')
    .description("show a rule's documentation")
    .argument('<rule>', 'rule id, e.g. full-admin')
    .action((id: string) => {
      exit.code = runExplain(id, io);
    });

  return root;
}

/** Runs the CLI and returns the exit code: 0 clean, 1 findings, 2 usage, config or internal error. */
export function main(argv: readonly string[], io: Io = processIo()): number {
  const exit = { code: 0 };
  const debug = argv.includes('--debug');
  try {
    program(io, exit).parse([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      io.error(`iamlint: ${error.message}\n`);
      return 2;
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    io.error(`iamlint: internal error: ${failure.message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && failure.stack) io.error(`${failure.stack}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
