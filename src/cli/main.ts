import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/config.js';
import { defaultBaselineFile } from '../engine/baseline.js';
import { catalogueLabel, tool } from '../report/report.js';
import { runBaseline, type BaselineFlags } from './baseline-command.js';
import { runCheck, type CheckFlags } from './check-command.js';
import { runGraph, runPaths, runWhatCan, runWhoCan, type GraphFlags, type PathsFlags } from './graph-commands.js';
import { processIo, type Io } from './io.js';
import { collect } from './options.js';
import { runExplain, runRules } from './rules-command.js';

/** The options every graph command shares; `formats` are its output formats, the first the default. */
function graphCommand(command: Command, formats: readonly string[]): Command {
  return command
    .addOption(new Option('-f, --format <format>', `output format: ${formats.join(' or ')}`).choices(formats).default(formats[0]))
    .option('-o, --output <file>', 'write the answer to a file instead of standard output')
    .option('-c, --config <file>', 'config file (default: .iamlint.json here or in a parent folder)')
    .option('--now <date>', 'the date time conditions are judged at (ISO 8601; default: the credential report\'s, else the clock)')
    .option('--trusted-account <id>', 'an account in the zone of trust (repeatable)', collect, [])
    .option('--color', 'force colored output')
    .option('--no-color', 'disable colored output')
    .option('--debug', 'print skipped files and stack traces');
}

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
    .option('-f, --format <format[=file]>', 'output format: stylish (default), json, sarif, github or markdown; repeat with =FILE to write several', collect, [])
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-c, --config <file>', 'config file (default: .iamlint.json here or in a parent folder)')
    .addOption(new Option('--fail-on <level>', 'exit 1 on findings at or above this severity').choices(['critical', 'high', 'medium', 'low', 'info', 'none']).default('low'))
    .option('--max-warnings <n>', 'also exit 1 when more than N findings are below --fail-on')
    .option('--rule <id=level>', 'set a rule to critical|high|medium|low|info|off (repeatable)', collect, [])
    .option('--now <date>', 'the date date-based rules compare against (ISO 8601)')
    .option('--trusted-account <id>', 'an account in the zone of trust (repeatable)', collect, [])
    .option('--baseline <file>', 'report only findings not in this baseline (written by iamlint baseline)')
    .option('-q, --quiet', 'report only findings at or above --fail-on')
    .option('--color', 'force colored output')
    .option('--no-color', 'disable colored output')
    .option('--debug', 'print skipped files and stack traces')
    .action((paths: string[], flags: CheckFlags) => {
      exit.code = runCheck(paths, flags, io);
    });

  root
    .command('baseline')
    .description('write the current findings to a baseline file, for check --baseline (default path: .)')
    .argument('[paths...]', 'files and folders to check')
    .option('-o, --output <file>', `the baseline file to write, or - for standard output (default: ${defaultBaselineFile})`)
    .option('-c, --config <file>', 'config file (default: .iamlint.json here or in a parent folder)')
    .option('--rule <id=level>', 'set a rule to critical|high|medium|low|info|off (repeatable)', collect, [])
    .option('--now <date>', 'the date date-based rules compare against (ISO 8601)')
    .option('--trusted-account <id>', 'an account in the zone of trust (repeatable)', collect, [])
    .option('--debug', 'print skipped files and stack traces')
    .action((paths: string[], flags: BaselineFlags) => {
      exit.code = runBaseline(paths, flags, io);
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

  graphCommand(
    root
      .command('who-can')
      .description('list the principals that can perform an action on a resource, and how')
      .argument('<action>', 'one action, e.g. s3:GetObject')
      .argument('<resource-arn>', "the resource's ARN, or * for actions on no resource")
      .argument('[paths...]', 'account exports to read (default: .)'),
    ['text', 'json'],
  ).action((action: string, resource: string, paths: string[], flags: GraphFlags) => {
    exit.code = runWhoCan(action, resource, paths, flags, io);
  });

  graphCommand(
    root
      .command('what-can')
      .description('list the principals a principal can become and the resources with policies it can reach')
      .argument('<principal-arn>', "the principal's ARN")
      .argument('[paths...]', 'account exports to read (default: .)'),
    ['text', 'json'],
  ).action((principal: string, paths: string[], flags: GraphFlags) => {
    exit.code = runWhatCan(principal, paths, flags, io);
  });

  graphCommand(
    root
      .command('paths')
      .description('show the shortest paths from a principal to administrator access or to another node')
      .argument('<from-arn>', "the starting principal's ARN")
      .argument('[paths...]', 'account exports to read (default: .)')
      .option('--to <target>', "'admin' (any account's administrator access) or a principal's or resource's ARN", 'admin'),
    ['text', 'json'],
  ).action((from: string, paths: string[], flags: PathsFlags) => {
    exit.code = runPaths(from, paths, flags, io);
  });

  graphCommand(
    root
      .command('graph')
      .description('write the whole access graph')
      .argument('[paths...]', 'account exports to read (default: .)'),
    ['json', 'dot', 'mermaid'],
  ).action((paths: string[], flags: GraphFlags) => {
    exit.code = runGraph(paths, flags, io);
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
